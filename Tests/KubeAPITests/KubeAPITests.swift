@testable import KubeAPI
