import Engine
import Testing

/// Ports of TestGetCondition, TestSetCondition and TestRemoveCondition (deployment_util_test.go).
struct DeploymentConditionsTests {
  static let progressing = UtilFixtures.condition(.progressing, "False", "ForSomeReason")
  static let progressing2 = UtilFixtures.condition(.progressing, "True", "BecauseItIs")
  static let available = UtilFixtures.condition(.available, "True", "AwesomeController")

  static func status(_ conditions: [DeploymentCondition]?) -> DeploymentStatus {
    var status = DeploymentStatus()
    status.conditions = conditions
    return status
  }

  @Test func getCondition() {
    let status = Self.status([Self.progressing, Self.available])
    #expect(status.condition(.available) == Self.available, "condition exists")
    #expect(status.condition(.replicaFailure) == nil, "condition does not exist")
  }

  struct SetCase: Sendable, CustomTestStringConvertible {
    let name: String
    let status: DeploymentStatus
    let condition: DeploymentCondition
    let expected: DeploymentStatus
    var testDescription: String { name }
  }

  static let setCases: [SetCase] = [
    .init(
      name: "set for the first time", status: status(nil), condition: available,
      expected: status([available])),
    .init(
      name: "simple set", status: status([progressing]), condition: available,
      expected: status([progressing, available])),
    .init(
      name: "overwrite", status: status([progressing]), condition: progressing2,
      expected: status([progressing2])),
  ]

  @Test(arguments: setCases)
  func setCondition(_ c: SetCase) {
    var status = c.status
    status.setCondition(c.condition)
    #expect(status == c.expected)
  }

  @Test func sameStatusAndReasonIsNotUpdated() {
    var status = Self.status([UtilFixtures.condition(.available, "True", "R", time: 1)])
    status.setCondition(UtilFixtures.condition(.available, "True", "R", time: 9))
    #expect(status.condition(.available)?.lastUpdateTime == 1)
  }

  @Test func sameStatusNewReasonKeepsTransitionTime() {
    var status = Self.status([UtilFixtures.condition(.progressing, "True", "A", time: 1)])
    status.setCondition(UtilFixtures.condition(.progressing, "True", "B", time: 9))
    let condition = status.condition(.progressing)
    #expect(condition?.reason == "B")
    #expect(condition?.lastUpdateTime == 9)
    #expect(condition?.lastTransitionTime == 1)
  }

  @Test func newStatusMovesTransitionTime() {
    var status = Self.status([UtilFixtures.condition(.progressing, "True", "A", time: 1)])
    status.setCondition(UtilFixtures.condition(.progressing, "False", "B", time: 9))
    #expect(status.condition(.progressing)?.lastTransitionTime == 9)
  }

  struct RemoveCase: Sendable, CustomTestStringConvertible {
    let name: String
    let status: DeploymentStatus
    let type: DeploymentCondition.ConditionType
    let expected: DeploymentStatus
    var testDescription: String { name }
  }

  static let removeCases: [RemoveCase] = [
    .init(
      name: "remove from empty status", status: status(nil), type: .progressing,
      expected: status(nil)),
    .init(
      name: "simple remove", status: status([progressing]), type: .progressing,
      expected: status(nil)),
    .init(
      name: "doesn't remove anything", status: status([progressing, available]),
      type: .replicaFailure, expected: status([progressing, available])),
  ]

  @Test(arguments: removeCases)
  func removeCondition(_ c: RemoveCase) {
    var status = c.status
    status.removeCondition(c.type)
    #expect(status == c.expected)
  }
}
