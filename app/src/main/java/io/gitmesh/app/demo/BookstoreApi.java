package io.gitmesh.app.demo;

import com.google.protobuf.StringValue;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;

/**
 * The one call of the demo's bookstore, {@code /bookstore.Bookstore/buy-a-book-new}: any request, and
 * the answer is the name of the workload that served it, so callers can count who answered. Its path
 * matches the sample repository's HTTPRouteGroup match {@code buy-a-book} ({@code .*a-book.*new}), the
 * route the TrafficTargets let callers use. Written with the {@code StringValue} marshaller: no protoc.
 */
final class BookstoreApi {
    static final MethodDescriptor<StringValue, StringValue> BUY_A_BOOK =
            MethodDescriptor.<StringValue, StringValue>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName("bookstore.Bookstore", "buy-a-book-new"))
                    .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                    .build();

    private BookstoreApi() {
    }

    /** The service of a workload named {@code name}: every call answers {@code name}. */
    static ServerServiceDefinition answeringAs(String name) {
        StringValue answer = StringValue.of(name);
        return ServerServiceDefinition.builder(BUY_A_BOOK.getServiceName())
                .addMethod(BUY_A_BOOK, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(answer);
                    response.onCompleted();
                }))
                .build();
    }
}
