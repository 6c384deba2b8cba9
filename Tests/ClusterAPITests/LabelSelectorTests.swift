import Engine
import Testing

@testable import ClusterAPI

/// Label selectors against the tables of apimachinery's `pkg/labels/selector_test.go`, and the
/// API server's messages for bad ones.
@Suite struct LabelSelectorTests {
  /// Selectors the API server accepts, each read back without its spaces.
  @Test(arguments: [
    "x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5",
  ])
  func goodSelectorsReadBackWithoutSpaces(_ text: String) throws {
    let query = try LabelQuery(parsing: text)
    #expect(query.description == text.replacingOccurrences(of: " ", with: ""))
  }

  @Test(arguments: ["x=a||y=b", "x==a==b", "!x=a", "x<a"])
  func badSelectorsAreRefused(_ text: String) {
    #expect(throws: APIError.self) { try LabelQuery(parsing: text) }
  }

  @Test func parsingIsDeterministic() throws {
    #expect(
      try LabelQuery(parsing: "x=a,a=x").description
        == LabelQuery(parsing: "a=x,x=a").description)
  }

  /// `TestSelectorMatches` and `TestRequirementSelectorMatching`: selector, labels, selected.
  @Test(
    arguments: [
      ("", ["x": "y"], true),
      ("x=y", ["x": "y"], true),
      ("x=y,z=w", ["x": "y", "z": "w"], true),
      ("x!=y,z!=w", ["x": "z", "z": "a"], true),
      ("notin=in", ["notin": "in"], true),
      ("x", ["x": "z"], true),
      ("!x", ["y": "z"], true),
      ("x>1", ["x": "2"], true),
      ("x<1", ["x": "0"], true),
      ("x=z", [:], false),
      ("x=y", ["x": "z"], false),
      ("x=y,z=w", ["x": "w", "z": "w"], false),
      ("x!=y,z!=w", ["x": "z", "z": "w"], false),
      ("x", ["y": "z"], false),
      ("!x", ["x": "z"], false),
      ("x>1", ["x": "0"], false),
      ("x<1", ["x": "2"], false),
      ("foo=bar", ["foo": "bar", "baz": "blah"], true),
      ("baz=blah", ["foo": "bar", "baz": "blah"], true),
      ("foo=bar,baz=blah", ["foo": "bar", "baz": "blah"], true),
      ("foo=blah", ["foo": "bar", "baz": "blah"], false),
      ("baz=bar", ["foo": "bar", "baz": "blah"], false),
      ("foo=bar,foobar=bar,baz=blah", ["foo": "bar", "baz": "blah"], false),
      ("x in (foo),y notin (alpha)", ["x": "foo", "y": "baz"], true),
      ("x in (foo),y in (alpha)", ["x": "foo", "y": "baz"], false),
      ("x notin (),y", ["y": ""], true),
      ("x notin (abc,,def)", ["x": ""], false),
      ("!x,y", ["y": ""], true),
      ("x notin (),!y", ["y": ""], false),
      ("x in ()", ["y": "baz"], false),
      ("z>1", ["z": "2"], true),
      ("z>1", ["z": "v2"], false),
    ] as [(String, [String: String], Bool)])
  func matching(_ text: String, _ labels: [String: String], _ selected: Bool) throws {
    #expect(try LabelQuery(parsing: text).matches(labels) == selected)
  }

  /// `TestSetSelectorParser`: the input and its canonical form, nil where it is refused.
  @Test(
    arguments: [
      ("", ""),
      ("\rx", "x"),
      ("this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash"),
      (
        "this-is-another-dns.domain.com/key-with-dash in (so,what)",
        "this-is-another-dns.domain.com/key-with-dash in (so,what)"
      ),
      (
        "0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)",
        "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)"
      ),
      ("foo  in\t (abc)", "foo in (abc)"),
      ("x notin\n (abc)", "x notin (abc)"),
      ("x  notin\t\t\t(abc,def)", "x notin (abc,def)"),
      ("x in (abc,def)", "x in (abc,def)"),
      ("x in (abc,)", "x in (,abc)"),
      ("x in ()", "x in ()"),
      ("x in (a,,a,,a,,a,,)", "x in (,a)"),
      ("x notin (abc,,def),bar,z in (),w", "bar,w,x notin (,abc,def),z in ()"),
      ("x,y in (a)", "x,y in (a)"),
      ("x=a", "x=a"),
      ("x>1", "x>1"),
      ("x<7", "x<7"),
      ("x=a,y!=b", "x=a,y!=b"),
      ("x=a,y!=b,z in (h,i,j)", "x=a,y!=b,z in (h,i,j)"),
      ("x=a||y=b", nil),
      ("x,,y", nil),
      (",x,y", nil),
      ("x nott in (y)", nil),
      ("x notin ( )", "x notin ()"),
      ("x notin (, a)", "x notin (,a)"),
      ("a in (xyz),", nil),
      ("a in (xyz)b notin ()", nil),
      ("a ", "a"),
      ("a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)"),
      ("a in (xyz abc)", nil),
      ("a notin(", nil),
      ("a (", nil),
      ("(", nil),
    ] as [(String, String?)])
  func setBasedParsing(_ text: String, _ canonical: String?) {
    let query = try? LabelQuery(parsing: text)
    #expect(query?.description == canonical)
  }

  /// `TestLexer`: one token and its literal.
  @Test(arguments: [
    ("", LabelSelectorLexer.Token.end), (",", .comma), ("notin", .notInKeyword),
    ("in", .inKeyword), ("=", .equals), ("==", .doubleEquals), (">", .greaterThan),
    ("<", .lessThan), ("!", .not), ("!=", .notEquals), ("(", .openParen), (")", .closeParen),
    ("~", .identifier), ("||", .identifier),
  ])
  func lexerReadsOneToken(_ text: String, _ token: LabelSelectorLexer.Token) {
    let first = LabelSelectorLexer.items(text)[0]
    #expect(first.token == token)
    #expect(first.literal == text)
  }

  /// `TestLexerSequence`.
  @Test(
    arguments: [
      ("key in ( value )", [.identifier, .inKeyword, .openParen, .identifier, .closeParen]),
      ("key notin ( value )", [.identifier, .notInKeyword, .openParen, .identifier, .closeParen]),
      (
        "key in ( value1, value2 )",
        [.identifier, .inKeyword, .openParen, .identifier, .comma, .identifier, .closeParen]
      ),
      ("key", [.identifier]),
      ("!key", [.not, .identifier]),
      ("()", [.openParen, .closeParen]),
      ("x in (),y", [.identifier, .inKeyword, .openParen, .closeParen, .comma, .identifier]),
      (
        "== != (), = notin",
        [.doubleEquals, .notEquals, .openParen, .closeParen, .comma, .equals, .notInKeyword]
      ),
      ("key>2", [.identifier, .greaterThan, .identifier]),
      ("key<1", [.identifier, .lessThan, .identifier]),
    ] as [(String, [LabelSelectorLexer.Token])])
  func lexerReadsSequences(_ text: String, _ tokens: [LabelSelectorLexer.Token]) {
    #expect(LabelSelectorLexer.items(text).map(\.token) == tokens + [.end])
  }

  /// `TestRequirementConstructor`: key, operator, values, and the field the error names (nil
  /// when the requirement is valid).
  @Test(
    arguments: [
      ("x1", LabelRequirement.Operator.inSet, [], "values"),
      ("x2", .notInSet, [], "values"),
      ("x3", .inSet, ["foo"], nil),
      ("x4", .notInSet, ["foo"], nil),
      ("x5", .equals, ["bar", "foo"], "values"),
      ("x6", .exists, [], nil),
      ("x7", .doesNotExist, [], nil),
      ("x8", .exists, ["foo"], "values"),
      ("1foo", .inSet, ["bar"], nil),
      ("1234", .inSet, ["bar"], nil),
      ("x11", .greaterThan, ["1"], nil),
      ("x12", .lessThan, ["6"], nil),
      ("x13", .greaterThan, [], "values"),
      ("x14", .greaterThan, ["bar"], "values[0]"),
      ("x15", .lessThan, ["bar"], "values[0]"),
      (String(repeating: "a", count: 254), .exists, [], "key"),
      ("x16", .equals, [String(repeating: "a", count: 254)], "values[0][x16]"),
      ("x17", .equals, ["a b"], "values[0][x17]"),
    ] as [(String, LabelRequirement.Operator, [String], String?)])
  func requirementsAreChecked(
    _ key: String, _ op: LabelRequirement.Operator, _ values: [String], _ field: String?
  ) {
    switch LabelRequirement.make(key: key, op: op, values: values) {
    case .success: #expect(field == nil)
    case .failure(let failure):
      #expect(field != nil)
      #expect(failure.message.hasPrefix("\(field ?? ""): Invalid value: "))
    }
  }

  /// The API server's 400 messages, word for word.
  @Test(arguments: [
    (
      "app:monolith",
      #"unable to parse requirement: <nil>: Invalid value: "app:monolith": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#
    ),
    (
      "a/b/c ?=? def",
      #"unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"#
    ),
    (
      "app.kubernetes_io/name=web",
      #"unable to parse requirement: <nil>: Invalid value: "app.kubernetes_io/name": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#
    ),
    (
      "app=demo-{nginx}",
      #"unable to parse requirement: values[0][app]: Invalid value: "demo-{nginx}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#
    ),
    (
      "environment>qa",
      #"unable to parse requirement: values[0]: Invalid value: "qa": for 'Gt', 'Lt' operators, the value must be an integer"#
    ),
    (
      "x=a||y=b",
      #"unable to parse requirement: values[0][x]: Invalid value: "a||y": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#
    ),
    ("x,,y", "found ',', expected: identifier after ','"),
    ("a in (xyz),", "found '', expected: identifier after ','"),
    ("a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'"),
    ("!x=a", "found '=', expected: ',' or 'end of string'"),
    (
      "x nott in (y)",
      "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"
    ),
    ("a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'"),
    ("a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier"),
    ("a (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"),
    ("(", "found '(', expected: !, identifier, or 'end of string'"),
    ("x in y", "unable to parse requirement: found 'y' expected: '('"),
  ])
  func badSelectorsGetTheAPIServersMessage(_ text: String, _ message: String) throws {
    let error = try #require(throws: APIError.self) { try LabelQuery(parsing: text) }
    #expect(error.code == 400)
    #expect(error.reason == "BadRequest")
    #expect(error.message == message)
  }

  /// A `spec.selector` object: `matchLabels` and `matchExpressions`, missing, and empty.
  @Test func labelSelectorObjects() throws {
    let selector: JSONValue = [
      "matchLabels": ["app": "web"],
      "matchExpressions": [
        ["key": "tier", "operator": "In", "values": ["b", "a"]],
        ["key": "canary", "operator": "DoesNotExist"],
      ],
    ]
    let query = try LabelQuery(labelSelector: selector)
    #expect(query.description == "app=web,!canary,tier in (a,b)")
    #expect(query.matches(["app": "web", "tier": "a"]))
    #expect(!query.matches(["app": "web", "tier": "a", "canary": "1"]))
    #expect(try LabelQuery(labelSelector: nil).matches([:]) == false)
    #expect(try LabelQuery(labelSelector: [:]).matches(["any": "thing"]))
    let error = try #require(throws: APIError.self) {
      try LabelQuery(labelSelector: ["matchExpressions": [["key": "a", "operator": "Gt"]]])
    }
    #expect(error.message == #""Gt" is not a valid label selector operator"#)
  }

  @Test func objectsAreMatchedByTheirMetadataLabels() throws {
    let pod: JSONValue = ["metadata": ["name": "p", "labels": ["app": "web", "rank": "3"]]]
    #expect(try LabelQuery(parsing: "app=web,rank>2").matches(object: pod))
    #expect(try !LabelQuery(parsing: "app=web,rank>3").matches(object: pod))
    #expect(try LabelQuery(parsing: "!app").matches(object: ["metadata": ["name": "q"]]))
  }
}
