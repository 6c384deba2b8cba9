import Testing

@testable import ClusterAPI

@Suite struct APIFaultsTests {
  @Test func theTextFormReadsEveryTerm() throws {
    let faults = try APIFaults(
      parsing:
        "conflicts=0.2,errors=0.05,drop-watches=3s,outage=20s+10s,outage=60+5,forbid=create:replicasets,agent=rollout-controller,seed=7"
    )
    #expect(faults.conflicts == 0.2)
    #expect(faults.errors == 0.05)
    #expect(faults.watchLifetime == 3)
    #expect(faults.outages.map(\.start) == [20, 60])
    #expect(faults.outages.map(\.end) == [30, 65])
    #expect(faults.forbidden == [.init(verb: "create", resource: "replicasets")])
    #expect(faults.agent == "rollout-controller")
    #expect(faults.seed == 7)
  }

  @Test(arguments: ["conflicts=2", "errors=x", "outage=20s", "forbid=create", "nonsense=1", "seed"])
  func aBadTermIsNamed(_ text: String) {
    #expect(throws: APIFaultsError.self) { try APIFaults(parsing: text) }
    #expect((try? APIFaults(parsing: text)) == nil)
    do {
      _ = try APIFaults(parsing: text)
    } catch {
      #expect(error.description.contains("\"\(text)\""))
    }
  }

  @Test(arguments: [(0.0, 3.0), (18.0, 20.0), (25.0, 28.0), (70.0, 73.0)])
  func watchesEndAtTheirLifetimeOrTheNextOutage(opened: Double, end: Double) throws {
    let faults = try APIFaults(parsing: "drop-watches=3s,outage=20s+10s")
    #expect(faults.watchEnd(openedAt: opened) == end)
    #expect(faults.outage(at: 25) != nil)
    #expect(faults.outage(at: 30) == nil)
  }

  @Test func theDiceAreSeeded() {
    var a = FaultDice(seed: 3)
    var b = FaultDice(seed: 3)
    let first = (0..<100).map { _ in a.roll(0.3) }
    #expect(first == (0..<100).map { _ in b.roll(0.3) })
    let share = Double(first.filter { $0 }.count) / 100
    #expect(share > 0.15 && share < 0.45)
  }
}
