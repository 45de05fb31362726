package io.gitmesh.app.demo;

import com.google.protobuf.StringValue;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;

/**
 * The calls of the demo's bookstore. Any request; the answer is the name of the workload that served
 * it, so callers can count who answered. Written with the {@code StringValue} marshaller: no protoc.
 * <ul>
 *   <li>{@link #BUY_A_BOOK}, {@code /bookstore.Bookstore/buy-a-book-new}, served by the bookstores: its
 *       path matches the sample repository's HTTPRouteGroup match {@code buy-a-book}
 *       ({@code .*a-book.*new}), the route the bookstore TrafficTargets let callers use;</li>
 *   <li>{@link #RESTOCK_BOOKS}, {@code /bookwarehouse.Bookwarehouse/restock-books}, served by
 *       bookwarehouse, which admits the bookstores' {@code POST}s (match {@code restock-books}).</li>
 * </ul>
 */
final class BookstoreApi {
    static final MethodDescriptor<StringValue, StringValue> BUY_A_BOOK = method("bookstore.Bookstore",
            "buy-a-book-new");
    static final MethodDescriptor<StringValue, StringValue> RESTOCK_BOOKS = method("bookwarehouse.Bookwarehouse",
            "restock-books");

    private BookstoreApi() {
    }

    /** The service of {@code method} for a workload named {@code name}: every call answers {@code name}. */
    static ServerServiceDefinition answeringAs(MethodDescriptor<StringValue, StringValue> method, String name) {
        StringValue answer = StringValue.of(name);
        return ServerServiceDefinition.builder(method.getServiceName())
                .addMethod(method, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(answer);
                    response.onCompleted();
                }))
                .build();
    }

    private static MethodDescriptor<StringValue, StringValue> method(String service, String method) {
        return MethodDescriptor.<StringValue, StringValue>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, method))
                .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                .build();
    }
}
