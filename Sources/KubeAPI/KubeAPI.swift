import ClusterAPI
