import Engine
import Testing

@testable import ClusterAPI

/// Field selectors against the tables of apimachinery's `pkg/fields/selector_test.go`, the
/// fields the API server supports per kind, and its 400 messages.
@Suite struct FieldSelectorTests {
  /// `TestSplitTerms`.
  @Test(
    arguments: [
      (#"a"#, [#"a"#]),
      (#"a=avalue"#, [#"a=avalue"#]),
      (#"a=avalue,b=bvalue"#, [#"a=avalue"#, #"b=bvalue"#]),
      (#"a=avalue,b==bvalue,c!=cvalue"#, [#"a=avalue"#, #"b==bvalue"#, #"c!=cvalue"#]),
      (#""#, []),
      (#"a=a,"#, [#"a=a"#, #""#]),
      (#",a=a"#, [#""#, #"a=a"#]),
      (#"k=\,,k2=v2"#, [#"k=\,"#, #"k2=v2"#]),
      (#"k=\\,k2=v2"#, [#"k=\\"#, #"k2=v2"#]),
      (#"k=\\\,,k2=v2"#, [#"k=\\\,"#, #"k2=v2"#]),
      (#"k=\a\b\"#, [#"k=\a\b\"#]),
      (#"k=\"#, [#"k=\"#]),
      (#"함=수,목=록"#, [#"함=수"#, #"목=록"#]),
    ] as [(String, [String])])
  func termsAreSplitAtUnescapedCommas(_ selector: String, _ terms: [String]) {
    #expect(FieldSelectorSyntax.terms(selector) == terms)
  }

  /// `TestSplitTerm`: a term, and its field, operator and raw value (nil when it has none).
  @Test(
    arguments: [
      (#"a=value"#, "a", "=", "value"),
      (#"b==value"#, "b", "==", "value"),
      (#"c!=value"#, "c", "!=", "value"),
      (#""#, nil, nil, nil),
      (#"a"#, nil, nil, nil),
      (#"k=\,"#, "k", "=", #"\,"#),
      (#"k=\="#, "k", "=", #"\="#),
      (#"k=\\\a\b\=\,\"#, "k", "=", #"\\\a\b\=\,\"#),
      (#"함=수"#, "함", "=", "수"),
    ] as [(String, String?, String?, String?)])
  func termsAreSplitAtTheFirstOperator(
    _ term: String, _ field: String?, _ op: String?, _ value: String?
  ) {
    let split = FieldSelectorSyntax.split(term)
    #expect(split?.field == field)
    #expect(split?.value == value)
    if let split, let op { #expect(split.negated == (op == "!=")) }
  }

  /// `TestEscapeValue`: a value and its escaped form, both ways.
  @Test(arguments: [
    (#""#, #""#), (#"a"#, #"a"#), (#"="#, #"\="#), (#","#, #"\,"#), (#"\"#, #"\\"#),
    (#"\=\,\"#, #"\\\=\\\,\\"#),
  ])
  func valuesEscapeAndUnescape(_ value: String, _ escaped: String) throws {
    #expect(FieldSelectorSyntax.escape(value) == escaped)
    #expect(try FieldSelectorSyntax.unescape(escaped) == value)
  }

  @Test(arguments: [
    (#"\"#, #"invalid field selector: invalid escape sequence: \"#),
    (#"\\\"#, #"invalid field selector: invalid escape sequence: \"#),
    (#"\a"#, #"invalid field selector: invalid escape sequence: \a"#),
    (#"a=b"#, "invalid field selector: unescaped character in value: 61"),
    (#"a,b"#, "invalid field selector: unescaped character in value: 44"),
  ])
  func badEscapesAreRefused(_ value: String, _ message: String) {
    #expect(throws: SelectorFailure(message)) { try FieldSelectorSyntax.unescape(value) }
  }

  /// `TestSelectorParse`: good selectors read back as written; bad ones are refused.
  @Test(arguments: ["x=a,y=b,z=c", "", "x!=a,y=b", #"x=a||y\=b"#, #"x=a\=\=b"#])
  func goodSelectorsReadBack(_ text: String) throws {
    let query = FieldQuery(terms: try FieldQuery.writtenTerms(text), kind: "Test")
    #expect(query.description == text)
  }

  @Test(arguments: ["x=a||y=b", "x==a==b", "x=a,b", "x in (a)", "x in (a,b,c)", "x"])
  func badSelectorsAreRefused(_ text: String) {
    #expect(throws: SelectorFailure.self) { try FieldQuery.writtenTerms(text) }
  }

  @Test func parsingIsDeterministic() throws {
    let one = FieldQuery(terms: try FieldQuery.writtenTerms("x=a,a=x"), kind: "Test")
    let other = FieldQuery(terms: try FieldQuery.writtenTerms("a=x,x=a"), kind: "Test")
    #expect(one.description == other.description)
  }

  /// `TestSelectorMatches`.
  @Test(
    arguments: [
      ("", ["x": "y"], true),
      ("x=y", ["x": "y"], true),
      ("x=y,z=w", ["x": "y", "z": "w"], true),
      ("x!=y,z!=w", ["x": "z", "z": "a"], true),
      ("notin=in", ["notin": "in"], true),
      ("x=y", ["x": "z"], false),
      ("x=y,z=w", ["x": "w", "z": "w"], false),
      ("x!=y,z!=w", ["x": "z", "z": "w"], false),
      ("foo=bar", Self.fieldSet, true),
      ("baz=blah", Self.fieldSet, true),
      ("foo=bar,baz=blah", Self.fieldSet, true),
      (#"foo=bar,baz=blah,complex=\=value\\\,\\"#, Self.fieldSet, true),
      ("foo=blah", Self.fieldSet, false),
      ("baz=bar", Self.fieldSet, false),
      ("foo=bar,foobar=bar,baz=blah", Self.fieldSet, false),
    ] as [(String, [String: String], Bool)])
  func matching(_ text: String, _ fields: [String: String], _ selected: Bool) throws {
    let query = FieldQuery(terms: try FieldQuery.writtenTerms(text), kind: "Test")
    #expect(query.matches(fields: fields) == selected)
  }

  static let fieldSet = ["foo": "bar", "baz": "blah", "complex": #"=value\,\"#]

  /// The API server's 400 messages for fields a kind does not support, and for bad text.
  @Test(arguments: [
    ("Pod", "foo=bar", "field label not supported: foo"),
    ("Event", "involvedObject.color=red", "field label not supported: involvedObject.color"),
    ("Namespace", "metadata.namespace=x", "field label not supported: metadata.namespace"),
    ("Rollout", "status.phase=Healthy", "field label not supported: status.phase"),
    (
      "Deployment", "status.replicas=1",
      #""status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace""#
    ),
    (
      "ConfigMap", "data.x=1",
      #""data.x" is not a known field selector: only "metadata.name", "metadata.namespace""#
    ),
    ("Pod", "metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'"),
    (
      "Pod", "metadata.name in (a)",
      "invalid selector: 'metadata.name in (a)'; can't understand 'metadata.name in (a)'"
    ),
    ("Pod", "metadata.name==a==b", "invalid field selector: unescaped character in value: 61"),
    ("Pod", "zeta=1,alpha=2", "field label not supported: alpha"),
    ("Pod", "metadata.name = web", "field label not supported: metadata.name "),
  ])
  func badFieldsGetTheAPIServersMessage(_ kind: String, _ text: String, _ message: String) throws {
    let error = try #require(throws: APIError.self) { try FieldQuery(parsing: text, kind: kind) }
    #expect(error.code == 400)
    #expect(error.message == message)
  }

  /// Each kind's own fields, read from wire objects.
  @Test(
    arguments: [
      ("Pod", "status.phase=Running", Self.pod, true),
      ("Pod", "status.phase!=Running", Self.pod, false),
      ("Pod", "spec.nodeName=node-1,metadata.namespace=default", Self.pod, true),
      ("Pod", "spec.host=node-1", Self.pod, true),
      ("Pod", "status.podIP=10.0.0.7", Self.pod, true),
      ("Pod", "spec.hostNetwork=false", Self.pod, true),
      ("Pod", "spec.restartPolicy=Always,spec.schedulerName=default-scheduler", Self.pod, true),
      ("Pod", "spec.serviceAccountName=default", Self.pod, true),
      ("Pod", "status.nominatedNodeName=", Self.pod, true),
      ("Pod", "metadata.name=web-2", Self.pod, false),
      ("Event", Self.describeSelector, Self.event, true),
      ("Event", "reason=ScalingReplicaSet,type=Normal", Self.event, true),
      ("Event", "source=deployment-controller", Self.event, true),
      ("Event", "reportingComponent=", Self.event, true),
      ("Event", "involvedObject.kind=ReplicaSet", Self.event, false),
      ("ReplicaSet", "status.replicas=3", Self.replicaSet, true),
      ("ReplicaSet", "status.replicas!=0", Self.replicaSet, true),
      ("Namespace", "status.phase=Active,metadata.name=default", Self.namespace, true),
      ("Service", "spec.type=ClusterIP,spec.clusterIP=10.96.0.10", Self.service, true),
      ("Rollout", "metadata.name=web", ["metadata": ["name": "web"]] as JSONValue, true),
    ] as [(String, String, JSONValue, Bool)])
  func kindsAreSelectedByTheirFields(
    _ kind: String, _ text: String, _ object: JSONValue, _ selected: Bool
  ) throws {
    #expect(try FieldQuery(parsing: text, kind: kind).matches(object) == selected)
  }

  @Test func theRequiredNameCanBeLookedUp() throws {
    let query = try FieldQuery(parsing: "metadata.name=web,status.phase!=Failed", kind: "Pod")
    #expect(query.requiredValue(of: "metadata.name") == "web")
    #expect(query.requiredValue(of: "status.phase") == nil)
    #expect(try FieldQuery(parsing: "", kind: "Pod").isEmpty)
  }

  static let describeSelector =
    "involvedObject.name=web,involvedObject.namespace=default,involvedObject.kind=Deployment,involvedObject.uid=u-1"

  static let pod: JSONValue = [
    "metadata": ["name": "web-1", "namespace": "default"],
    "spec": [
      "nodeName": "node-1", "restartPolicy": "Always", "schedulerName": "default-scheduler",
      "serviceAccountName": "default",
    ],
    "status": ["phase": "Running", "podIPs": [["ip": "10.0.0.7"]]],
  ]
  static let event: JSONValue = [
    "metadata": ["name": "web.1", "namespace": "default"],
    "involvedObject": [
      "kind": "Deployment", "name": "web", "namespace": "default", "uid": "u-1",
      "apiVersion": "apps/v1",
    ],
    "reason": "ScalingReplicaSet", "type": "Normal",
    "source": ["component": "deployment-controller"],
  ]
  static let replicaSet: JSONValue = [
    "metadata": ["name": "web-abc", "namespace": "default"], "status": ["replicas": 3],
  ]
  static let namespace: JSONValue = [
    "metadata": ["name": "default"], "status": ["phase": "Active"],
  ]
  static let service: JSONValue = [
    "metadata": ["name": "web", "namespace": "default"],
    "spec": ["type": "ClusterIP", "clusterIP": "10.96.0.10"],
  ]
}
