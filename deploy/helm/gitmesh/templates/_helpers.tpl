{{/* Labels on every object. */}}
{{- define "gitmesh.labels" -}}
app.kubernetes.io/name: gitmesh
app.kubernetes.io/part-of: gitmesh
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{/* What the Deployment, Services, PDB and NetworkPolicy select the control-plane pods by; never changes. */}}
{{- define "gitmesh.selectorLabels" -}}
app.kubernetes.io/name: gitmesh
app.kubernetes.io/component: control-plane
{{- end }}

{{- define "gitmesh.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* The ServiceAccount every binding names. */}}
{{- define "gitmesh.subject" -}}
- kind: ServiceAccount
  name: gitmesh
  namespace: {{ .Release.Namespace }}
{{- end }}
