import Collections
import Engine

extension SimulatedCluster {
  /// Everything needed to continue a simulation exactly: all objects, the clock, each pod's
  /// private schedule, the pending events with their sequence numbers, the random generator
  /// and the counters. Restoring and continuing gives the same future as never stopping.
  ///
  /// Settings are not part of it: pass them to `init(snapshot:settings:)`.
  public struct Snapshot: Sendable, Codable, Hashable {
    /// The snapshot layout this build writes and reads.
    public static let currentFormatVersion = 1

    /// The layout version; decoding refuses any other.
    public var formatVersion: Int
    /// The virtual clock.
    public var now: Double
    var generator: SeededGenerator
    var lastResourceVersion: Int
    var lastUID: Int
    var lastPodSerial: Int
    var lastReplicaSetSerial: Int
    var nextEventSequence: Int
    var deployments: [Deployment]
    var services: [Service]
    var replicaSets: [SavedReplicaSet]
    var pods: [PodRecord]
    var events: [ScheduledEvent]
    var dirtyReplicaSets: [Int]

    struct SavedReplicaSet: Sendable, Codable, Hashable {
      var serial: Int
      var object: ReplicaSet
    }

    /// The number of pods, terminating ones included.
    public var podCount: Int { pods.count }

    private enum CodingKeys: String, CodingKey {
      case formatVersion, now, generator, lastResourceVersion, lastUID, lastPodSerial
      case lastReplicaSetSerial, nextEventSequence, deployments, replicaSets, pods, events
      case dirtyReplicaSets, services
    }

    init(
      now: Double, generator: SeededGenerator, lastResourceVersion: Int, lastUID: Int,
      lastPodSerial: Int, lastReplicaSetSerial: Int, nextEventSequence: Int,
      deployments: [Deployment], services: [Service], replicaSets: [SavedReplicaSet],
      pods: [PodRecord], events: [ScheduledEvent], dirtyReplicaSets: [Int]
    ) {
      self.formatVersion = Self.currentFormatVersion
      self.now = now
      self.generator = generator
      self.lastResourceVersion = lastResourceVersion
      self.lastUID = lastUID
      self.lastPodSerial = lastPodSerial
      self.lastReplicaSetSerial = lastReplicaSetSerial
      self.nextEventSequence = nextEventSequence
      self.deployments = deployments
      self.services = services
      self.replicaSets = replicaSets
      self.pods = pods
      self.events = events
      self.dirtyReplicaSets = dirtyReplicaSets
    }

    /// Decodes a snapshot, refusing a layout version this build does not know.
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      formatVersion = try container.decode(Int.self, forKey: .formatVersion)
      guard formatVersion == Self.currentFormatVersion else {
        throw DecodingError.dataCorruptedError(
          forKey: .formatVersion, in: container,
          debugDescription: "simulated cluster snapshot format \(formatVersion) is not "
            + "supported (this build reads format \(Self.currentFormatVersion))")
      }
      now = try container.decode(Double.self, forKey: .now)
      generator = try container.decode(SeededGenerator.self, forKey: .generator)
      lastResourceVersion = try container.decode(Int.self, forKey: .lastResourceVersion)
      lastUID = try container.decode(Int.self, forKey: .lastUID)
      lastPodSerial = try container.decode(Int.self, forKey: .lastPodSerial)
      lastReplicaSetSerial = try container.decode(Int.self, forKey: .lastReplicaSetSerial)
      nextEventSequence = try container.decode(Int.self, forKey: .nextEventSequence)
      deployments = try container.decode([Deployment].self, forKey: .deployments)
      services = try container.decodeIfPresent([Service].self, forKey: .services) ?? []
      replicaSets = try container.decode([SavedReplicaSet].self, forKey: .replicaSets)
      pods = try container.decode([PodRecord].self, forKey: .pods)
      events = try container.decode([ScheduledEvent].self, forKey: .events)
      dirtyReplicaSets = try container.decode([Int].self, forKey: .dirtyReplicaSets)
    }
  }

  /// The whole simulation state, to save and later continue with `init(snapshot:settings:)`.
  public func snapshot() -> Snapshot {
    flushStatuses()
    return Snapshot(
      now: now, generator: generator, lastResourceVersion: lastResourceVersion,
      lastUID: lastUID, lastPodSerial: lastPodSerial,
      lastReplicaSetSerial: lastReplicaSetSerial, nextEventSequence: queue.nextSequence,
      deployments: deployments.keys.sorted().compactMap { deployments[$0] },
      services: services.keys.sorted().compactMap { services[$0] },
      replicaSets: replicaSets.keys.sorted().map {
        Snapshot.SavedReplicaSet(serial: $0, object: replicaSets[$0]!.object)
      },
      pods: pods.keys.sorted().map { pods[$0]! },
      events: queue.unordered.filter(isLive).sorted(),
      dirtyReplicaSets: Array(dirtyReplicaSets))
  }

  /// A cluster continuing from `snapshot`, with `settings` for what happens from now on.
  /// The random generator continues from the snapshot (`settings.seed` is not used).
  public convenience init(snapshot: Snapshot, settings: SimulationSettings) {
    self.init(settings: settings)
    now = snapshot.now
    generator = snapshot.generator
    lastResourceVersion = snapshot.lastResourceVersion
    lastUID = snapshot.lastUID
    lastPodSerial = snapshot.lastPodSerial
    lastReplicaSetSerial = snapshot.lastReplicaSetSerial
    queue = EventQueue(events: snapshot.events, nextSequence: snapshot.nextEventSequence)
    dirtyReplicaSets = OrderedSet(snapshot.dirtyReplicaSets)
    for deployment in snapshot.deployments { deployments[deployment.key] = deployment }
    for service in snapshot.services { services[service.key] = service }
    for saved in snapshot.replicaSets {
      replicaSets[saved.serial] = ReplicaSetState(object: saved.object, serial: saved.serial)
      replicaSetSerials[saved.object.key] = saved.serial
      reindexOwners(of: saved.serial, old: nil, new: saved.object.metadata)
    }
    for record in snapshot.pods {
      pods[record.serial] = record
      podSerials[record.pod.key] = record.serial
      guard let owner = record.owner.flatMap({ replicaSets[$0] }) else { continue }
      if record.isTerminating {
        owner.terminating += 1
        continue
      }
      owner.live += 1
      if record.isReady {
        owner.ready += 1
        owner.readyPods.insert(record.serial)
      } else {
        owner.notReadyPods.insert(record.serial)
      }
      if record.available { owner.available += 1 }
    }
  }
}
