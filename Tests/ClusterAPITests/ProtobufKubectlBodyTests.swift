import Engine
import Testing

@testable import ClusterAPI

/// Request bodies kubectl 1.32 sent to `rollout serve` (captured with `-v=9`), each read into the
/// JSON that `kubectl ... --dry-run=client -o json` prints for the same command: the form the
/// command sends when it speaks JSON.
@Suite struct ProtobufKubectlBodyTests {
  struct Row: Sendable, CustomTestStringConvertible {
    var command: String
    var hex: String
    var json: String
    var testDescription: String { command }
  }

  static let rows: [Row] = [
    Row(
      command: "kubectl create namespace shop",
      hex:
        "6b3873000a0f0a02763112094e616d657370616365121c0a140a0473686f7012001a0022002a003200380042"
        + "0012001a020a001a002200",
      json:
        #"{"apiVersion":"v1","kind":"Namespace","metadata":{"creationTimestamp":null,"name":"shop"},"spec":{},"status":{}}"#
    ),
    Row(
      command: "kubectl create configmap strategies --from-literal=a=1 --from-literal=b=two",
      hex:
        "6b3873000a0f0a0276311209436f6e6669674d6170122e0a1a0a0a7374726174656769657312001a0022002a"
        + "0032003800420012060a016112013112080a0162120374776f1a002200",
      json:
        #"{"apiVersion":"v1","data":{"a":"1","b":"two"},"kind":"ConfigMap","metadata":{"creationTimestamp":null,"name":"strategies"}}"#
    ),
    Row(
      command:
        "kubectl create configmap small --from-file=small/ -n shop (a text file and a binary one)",
      hex:
        "6b3873000a0f0a0276311209436f6e6669674d617012510a190a05736d616c6c12001a0473686f7022002a00"
        + "32003800420012220a086170702e636f6e6612166d6f64653a202266617374220a6c696d69743a20330a1a10"
        + "0a08626c6f622e62696e1204ff00fe011a002200",
      json:
        #"{"apiVersion":"v1","binaryData":{"blob.bin":"/wD+AQ=="},"data":{"app.conf":"mode: \"fast\"\nlimit: 3\n"},"kind":"ConfigMap","metadata":{"creationTimestamp":null,"name":"small","namespace":"shop"}}"#
    ),
    Row(
      command: "kubectl create deployment web --image=example/web:1.0 --replicas=3",
      hex:
        "6b3873000a150a07617070732f7631120a4465706c6f796d656e7412b4010a1f0a0377656212001a0022002a"
        + "003200380042005a0a0a0361707012037765621282010803120c0a0a0a0361707012037765621a680a1c0a00"
        + "12001a0022002a003200380042005a0a0a0361707012037765621248122a0a03776562120f6578616d706c65"
        + "2f7765623a312e302a0042006a007200800100880100900100a201001a00320042004a005200580060006800"
        + "8201008a01009a0100c2010022020a00280038001a0c0800100018002000280038001a002200",
      json:
        #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"creationTimestamp":null,"labels":{"app":"web"},"name":"web"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"strategy":{},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"image":"example/web:1.0","name":"web","resources":{}}]}}},"status":{}}"#
    ),
    Row(
      command:
        "kubectl create deployment api --image=example/api:2 --port=8080 --replicas=2 -n shop",
      hex:
        "6b3873000a150a07617070732f7631120a4465706c6f796d656e7412c3010a230a0361706912001a0473686f"
        + "7022002a003200380042005a0a0a036170701203617069128d010802120c0a0a0a0361707012036170691a73"
        + "0a1c0a0012001a0022002a003200380042005a0a0a036170701203617069125312350a03617069120d657861"
        + "6d706c652f6170693a322a00320b0a00100018903f22002a0042006a007200800100880100900100a201001a"
        + "00320042004a0052005800600068008201008a01009a0100c2010022020a00280038001a0c08001000180020"
        + "00280038001a002200",
      json:
        #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"creationTimestamp":null,"labels":{"app":"api"},"name":"api","namespace":"shop"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"api"}},"strategy":{},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"api"}},"spec":{"containers":[{"image":"example/api:2","name":"api","ports":[{"containerPort":8080}],"resources":{}}]}}},"status":{}}"#
    ),
    Row(
      command: "kubectl create service clusterip web --tcp=80:8080",
      hex:
        "6b3873000a0d0a02763112075365727669636512690a1f0a0377656212001a0022002a003200380042005a0a"
        + "0a03617070120377656212420a1b0a0738302d38303830120354435018502207080010903f1a002800120a0a"
        + "0361707012037765621a002209436c757374657249503a00420052005a00600068001a020a001a002200",
      json:
        #"{"apiVersion":"v1","kind":"Service","metadata":{"creationTimestamp":null,"labels":{"app":"web"},"name":"web"},"spec":{"ports":[{"name":"80-8080","port":80,"protocol":"TCP","targetPort":8080}],"selector":{"app":"web"},"type":"ClusterIP"},"status":{"loadBalancer":{}}}"#
    ),
    Row(
      command: "kubectl create service nodeport np --tcp=81:9090",
      hex:
        "6b3873000a0d0a02763112075365727669636512650a1d0a026e7012001a0022002a003200380042005a090a"
        + "0361707012026e7012400a1b0a0738312d3930393012035443501851220708001082471a00280012090a0361"
        + "707012026e701a0022084e6f6465506f72743a00420052005a00600068001a020a001a002200",
      json:
        #"{"apiVersion":"v1","kind":"Service","metadata":{"creationTimestamp":null,"labels":{"app":"np"},"name":"np"},"spec":{"ports":[{"name":"81-9090","port":81,"protocol":"TCP","targetPort":9090}],"selector":{"app":"np"},"type":"NodePort"},"status":{"loadBalancer":{}}}"#
    ),
  ]

  @Test(arguments: rows) func decodesToTheJSONKubectlWouldSend(_ row: Row) throws {
    let bytes = try #require(ProtobufBytes.fromHex(row.hex))
    let decoded = try KubeProtobuf.decode(bytes)
    #expect(decoded == (try JSONValue(exactText: row.json)))
  }

  /// A body cut anywhere inside the envelope's type or the object is a 400, never read short.
  /// Cut before the type it names nothing this server reads (415); cut right after the type it
  /// is a whole envelope of an empty object.
  @Test(arguments: rows) func truncatedBodiesAreRefused(_ row: Row) throws {
    let bytes = try #require(ProtobufBytes.fromHex(row.hex))
    let typeMetaEnd = 6 + Int(bytes[5])
    let objectEnd = bytes.count - 4  // then contentEncoding and contentType, both empty
    let whole = try KubeProtobuf.decode(bytes)
    let empty = try KubeProtobuf.decode(Array(bytes.prefix(typeMetaEnd)))
    #expect(empty == .object(["apiVersion": whole["apiVersion"]!, "kind": whole["kind"]!]))
    for length in 4..<objectEnd where length != typeMetaEnd {
      do {
        _ = try KubeProtobuf.decode(Array(bytes.prefix(length)))
        Issue.record("the body cut at \(length) bytes was read")
      } catch {
        #expect(error.code == (length == 4 ? 415 : 400), "cut at \(length): \(error.message)")
      }
    }
  }
}
