import Engine
import Testing

@testable import ClusterAPI

/// Bodies written field by field for what the captured kubectl bodies do not hold: the fields of
/// the example manifests (ports, env, resources, probes, mounts, volumes), pointers kept at
/// zero, times, negative numbers, packed and split lists, and the kinds controllers write.
@Suite struct ProtobufDecodingTests {
  typealias P = ProtobufBytes

  struct Row: Sendable, CustomTestStringConvertible {
    var name: String
    var body: [UInt8]
    var json: String
    var testDescription: String { name }
  }

  static let meta = P.message(1, P.string(1, "web"), P.string(3, "shop"), P.bytes(8, []))

  static let rows: [Row] = [
    Row(
      name: "a pod as the examples' templates write it",
      body: P.body(
        "v1", "Pod", meta,
        P.message(
          2,
          P.message(
            1, P.string(1, "config"),
            P.message(2, P.message(19, P.message(1, P.string(1, "app-config")), P.int(3, 420)))),
          P.message(1, P.string(1, "scratch"), P.message(2, P.message(2))),
          P.message(
            2, P.string(1, "web"), P.string(2, "example/web:1.0"),
            P.message(6, P.string(1, "http"), P.int(3, 8080), P.string(4, "TCP")),
            P.message(7, P.string(1, "MODE"), P.string(2, "fast")),
            P.message(
              7, P.string(1, "LIMIT"),
              P.message(
                3, P.message(3, P.message(1, P.string(1, "app-config")), P.string(2, "limit")))
            ),
            P.message(
              8, P.message(1, P.string(1, "memory"), P.message(2, P.string(1, "128Mi"))),
              P.message(2, P.string(1, "cpu"), P.message(2, P.string(1, "100m")))),
            P.message(9, P.string(1, "config"), P.int(2, 1), P.string(3, "/etc/app")),
            P.message(
              11,
              P.message(
                1,
                P.message(
                  2, P.string(1, "/healthz"), P.message(2, P.int(1, 1), P.string(3, "http")))),
              P.int(4, 5), P.int(2, 0)),
            P.string(14, "")),
          P.string(3, "Always"), P.int(25, -5))),
      json: """
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"web","namespace":"shop","creationTimestamp":null},
         "spec":{"volumes":[{"name":"config","configMap":{"name":"app-config","defaultMode":420}},
                            {"name":"scratch","emptyDir":{}}],
                 "containers":[{"name":"web","image":"example/web:1.0",
                   "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],
                   "env":[{"name":"MODE","value":"fast"},
                          {"name":"LIMIT","valueFrom":{"configMapKeyRef":{"name":"app-config","key":"limit"}}}],
                   "resources":{"limits":{"memory":"128Mi"},"requests":{"cpu":"100m"}},
                   "volumeMounts":[{"name":"config","readOnly":true,"mountPath":"/etc/app"}],
                   "readinessProbe":{"httpGet":{"path":"/healthz","port":"http"},"periodSeconds":5}}],
                 "restartPolicy":"Always","priority":-5}}
        """),
    Row(
      name: "pointers keep zero (replicas, revisionHistoryLimit), omitempty fields drop it",
      body: P.body(
        "apps/v1", "Deployment", meta,
        P.message(
          2, P.int(1, 0), P.int(5, 0), P.int(6, 0), P.int(7, 0), P.int(9, 600),
          P.message(
            4, P.string(1, "RollingUpdate"),
            P.message(
              2, P.message(1, P.int(1, 0), P.int(2, 0)),
              P.message(2, P.int(1, 1), P.string(3, "25%"))))),
        P.message(3, P.int(1, 0), P.int(2, 0))),
      json: """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","namespace":"shop","creationTimestamp":null},
         "spec":{"replicas":0,"revisionHistoryLimit":0,"progressDeadlineSeconds":600,
                 "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":"25%"}}},
         "status":{}}
        """),
    Row(
      name: "a service port aimed at a named container port",
      body: P.body(
        "v1", "Service", meta,
        P.message(
          2,
          P.message(
            1, P.string(1, "web"), P.string(2, "TCP"), P.int(3, 80),
            P.message(4, P.int(1, 1), P.int(2, 0), P.string(3, "http")), P.int(5, 30080)),
          P.entry(2, "app", "web"), P.string(4, "NodePort"), P.string(22, "Cluster")),
        P.message(3, P.message(1))),
      json: """
        {"apiVersion":"v1","kind":"Service",
         "metadata":{"name":"web","namespace":"shop","creationTimestamp":null},
         "spec":{"ports":[{"name":"web","protocol":"TCP","port":80,"targetPort":"http","nodePort":30080}],
                 "selector":{"app":"web"},"type":"NodePort","internalTrafficPolicy":"Cluster"},
         "status":{"loadBalancer":{}}}
        """),
    Row(
      name: "a lease: MicroTime keeps microseconds, an empty holder is kept",
      body: P.body(
        "coordination.k8s.io/v1", "Lease", meta,
        P.message(
          2, P.string(1, ""), P.int(2, 15),
          P.message(3, P.int(1, 1_700_000_000), P.int(2, 123_456_789)),
          P.message(4, P.int(1, 1_700_000_001), P.int(2, 5000)))),
      json: """
        {"apiVersion":"coordination.k8s.io/v1","kind":"Lease",
         "metadata":{"name":"web","namespace":"shop","creationTimestamp":null},
         "spec":{"holderIdentity":"","leaseDurationSeconds":15,
                 "acquireTime":"2023-11-14T22:13:20.123456Z","renewTime":"2023-11-14T22:13:21.000005Z"}}
        """),
    Row(
      name: "an event: Time drops the fraction, an empty MicroTime is null",
      body: P.body(
        "v1", "Event", meta,
        P.message(
          2, P.string(1, "Deployment"), P.string(2, "shop"), P.string(3, "web"),
          P.string(5, "apps/v1")),
        P.string(3, "ScalingReplicaSet"), P.string(4, "Scaled up"),
        P.message(5, P.string(1, "deployment-controller")),
        P.message(6, P.int(1, 1_700_000_000), P.int(2, 999_999_999)),
        P.message(7, P.int(1, 86_399)), P.int(8, 2), P.string(9, "Normal"), P.bytes(10, []),
        P.string(14, ""), P.string(15, "")),
      json: """
        {"apiVersion":"v1","kind":"Event",
         "metadata":{"name":"web","namespace":"shop","creationTimestamp":null},
         "involvedObject":{"kind":"Deployment","namespace":"shop","name":"web","apiVersion":"apps/v1"},
         "reason":"ScalingReplicaSet","message":"Scaled up","source":{"component":"deployment-controller"},
         "firstTimestamp":"2023-11-14T22:13:20Z","lastTimestamp":"1970-01-01T23:59:59Z",
         "count":2,"type":"Normal","eventTime":null,"reportingComponent":"","reportingInstance":""}
        """),
    Row(
      name: "owner references and managed fields of a replica set",
      body: P.body(
        "apps/v1", "ReplicaSet",
        P.message(
          1, P.string(1, "web-5d4f"), P.int(7, 2), P.entry(11, "pod-template-hash", "5d4f"),
          P.entry(12, "deployment.kubernetes.io/revision", "1"),
          P.message(
            13, P.string(1, "Deployment"), P.string(3, "web"), P.string(4, "u-1"),
            P.string(5, "apps/v1"), P.int(6, 1), P.int(7, 1)),
          P.message(
            17, P.string(1, "kube-controller-manager"), P.string(2, "Update"),
            P.string(3, "apps/v1"), P.message(4, P.int(1, 0)), P.string(6, "FieldsV1"),
            P.message(7, P.string(1, #"{"f:spec":{"f:replicas":{}}}"#)))),
        P.message(2, P.int(1, 3), P.message(2, P.entry(1, "app", "web"))),
        P.message(3, P.int(1, 0), P.int(3, 2))),
      json: """
        {"apiVersion":"apps/v1","kind":"ReplicaSet",
         "metadata":{"name":"web-5d4f","generation":2,"labels":{"pod-template-hash":"5d4f"},
           "annotations":{"deployment.kubernetes.io/revision":"1"},
           "ownerReferences":[{"kind":"Deployment","name":"web","uid":"u-1","apiVersion":"apps/v1",
                               "controller":true,"blockOwnerDeletion":true}],
           "managedFields":[{"manager":"kube-controller-manager","operation":"Update","apiVersion":"apps/v1",
                             "time":"1970-01-01T00:00:00Z","fieldsType":"FieldsV1",
                             "fieldsV1":{"f:spec":{"f:replicas":{}}}}]},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}}},
         "status":{"replicas":0,"observedGeneration":2}}
        """),
    Row(
      name: "lists packed or split, a message seen twice merged, the last scalar winning",
      body: P.body(
        "v1", "Pod", meta, meta,
        P.message(
          2,
          P.message(14, P.bytes(4, P.varint(1000) + P.varint(2000)), P.int(4, 3000)),
          P.message(14, P.int(2, 0), P.int(4, 4000)),
          P.message(2, P.string(1, "a"), P.string(3, "sh"), P.string(3, "-c")),
          P.message(2, P.string(1, "b")),
          P.string(6, "Default"), P.string(6, "ClusterFirst"))),
      json: """
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"web","namespace":"shop","creationTimestamp":null},
         "spec":{"securityContext":{"supplementalGroups":[1000,2000,3000,4000],"runAsUser":0},
                 "containers":[{"name":"a","command":["sh","-c"]},{"name":"b"}],
                 "dnsPolicy":"ClusterFirst"}}
        """),
    Row(
      name: "a namespace and a config map with binary data and immutable false",
      body: P.body(
        "v1", "ConfigMap", meta, P.message(3, P.string(1, "blob"), P.bytes(2, [0, 255])),
        P.int(4, 0)),
      json: """
        {"apiVersion":"v1","kind":"ConfigMap",
         "metadata":{"name":"web","namespace":"shop","creationTimestamp":null},
         "binaryData":{"blob":"AP8="},"immutable":false}
        """),
  ]

  @Test(arguments: rows) func decodes(_ row: Row) throws {
    let decoded = try KubeProtobuf.decode(row.body)
    #expect(decoded == (try JSONValue(exactText: row.json)))
  }
}
