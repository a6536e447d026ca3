{{/* Labels every object carries. */}}
{{- define "campaigns.labels" -}}
app.kubernetes.io/part-of: campaigns
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{/* An image reference: campaigns.image (dict "root" $ "name" "worker" "tag" "1.2.0"). */}}
{{- define "campaigns.image" -}}
{{- $tag := .tag | default .root.Chart.AppVersion -}}
{{ printf "%scampaigns-%s:%s" .root.Values.images.registry .name $tag | quote }}
{{- end }}

{{/* A worker Deployment's name from its tag: lower case, dots and other signs as dashes. */}}
{{- define "campaigns.workerName" -}}
{{- $tag := .tag | default .root.Chart.AppVersion | toString | lower -}}
{{- printf "%s-worker-%s" .root.Release.Name (regexReplaceAll "[^a-z0-9-]+" $tag "-") | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{/* Changes of the ConfigMap roll the pods. */}}
{{- define "campaigns.configChecksum" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- end }}

{{- define "campaigns.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
# Group access to the mounted Secrets and, with audiences.store file, to the audience files.
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "campaigns.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end }}

{{/* Environment shared by the API and the workers; secrets come from Secrets, never from values. */}}
{{- define "campaigns.env" -}}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ required "ledger.passwordSecret.name is required" .Values.ledger.passwordSecret.name }}
      key: {{ .Values.ledger.passwordSecret.key }}
{{- if .Values.temporal.mtlsSecret }}
- name: SPRING_TEMPORAL_CONNECTION_MTLS_KEYFILE
  value: /etc/campaigns/temporal-tls/tls.key
- name: SPRING_TEMPORAL_CONNECTION_MTLS_CERTCHAINFILE
  value: /etc/campaigns/temporal-tls/tls.crt
{{- end }}
{{- if .Values.temporal.apiKey.secret }}
- name: SPRING_TEMPORAL_CONNECTION_APIKEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.temporal.apiKey.secret }}
      key: {{ .Values.temporal.apiKey.key }}
- name: SPRING_TEMPORAL_CONNECTION_ENABLEHTTPS
  value: "true"
{{- end }}
{{- end }}

{{- define "campaigns.envFrom" -}}
- configMapRef:
    name: {{ .Release.Name }}-config
- secretRef:
    name: {{ required "codec.secret is required: the API and the workers refuse to start without a codec key" .Values.codec.secret }}
{{- end }}

{{- define "campaigns.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if eq .Values.audiences.store "file" }}
- name: audiences
  mountPath: {{ .Values.audiences.mountPath }}
{{- end }}
{{- if .Values.merchants.volume }}
- name: merchants
  mountPath: {{ .Values.merchants.mountPath }}
  readOnly: true
{{- else }}
{{- range .Values.merchants.list }}
- name: merchant-{{ .mchid }}
  mountPath: {{ printf "%s/%s" $.Values.merchants.mountPath (toString .mchid) }}
  readOnly: true
{{- end }}
{{- end }}
{{- if .Values.temporal.mtlsSecret }}
- name: temporal-tls
  mountPath: /etc/campaigns/temporal-tls
  readOnly: true
{{- end }}
{{- end }}

{{- define "campaigns.volumes" -}}
# Spring Boot and Tomcat write only to java.io.tmpdir; the root file system stays read-only.
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- if eq .Values.audiences.store "file" }}
- name: audiences
  persistentVolumeClaim:
    claimName: {{ required "audiences.claimName is required with audiences.store file: the API and the workers share its files" .Values.audiences.claimName }}
{{- end }}
{{- if .Values.merchants.volume }}
- name: merchants
  {{- toYaml .Values.merchants.volume | nindent 2 }}
{{- else }}
{{- range .Values.merchants.list }}
- name: merchant-{{ required "merchants.list[].mchid is required" .mchid }}
  secret:
    secretName: {{ required (printf "merchants.list[%s].secret is required" (toString .mchid)) .secret }}
    defaultMode: 0440
{{- end }}
{{- end }}
{{- if .Values.temporal.mtlsSecret }}
- name: temporal-tls
  secret:
    secretName: {{ .Values.temporal.mtlsSecret }}
    defaultMode: 0440
{{- end }}
{{- end }}

{{/* Probes on a named port; the startup probe gives the JVM time before liveness counts. */}}
{{- define "campaigns.probes" -}}
startupProbe:
  httpGet:
    path: {{ .root.Values.probes.livenessPath }}
    port: {{ .port }}
  periodSeconds: 5
  failureThreshold: {{ div .root.Values.probes.startupSeconds 5 }}
livenessProbe:
  httpGet:
    path: {{ .root.Values.probes.livenessPath }}
    port: {{ .port }}
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: {{ .root.Values.probes.readinessPath }}
    port: {{ .port }}
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
{{- end }}

{{/* Extra environment from values: a map of NAME: value. */}}
{{- define "campaigns.extraEnv" -}}
{{- range $name, $value := . }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end }}
