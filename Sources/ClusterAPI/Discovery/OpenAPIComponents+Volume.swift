import Engine

private typealias S = OpenAPISchema

/// A pod's volumes: the common sources described member by member, the legacy in-tree ones as
/// plain objects (their members are scalars or small objects a patch replaces whole).
extension OpenAPIComponents {
  static let volumeTypes: [String: JSONValue] = [
    S.core("Volume"): S.object(
      "A named volume the pod's containers can mount; exactly one source is set.",
      required: ["name"], volumeMembers),
    S.core("ConfigMapVolumeSource"): S.object(
      "A ConfigMap's keys as files.",
      [
        "name": S.string("Name of the ConfigMap."),
        "items": S.refList(of: S.core("KeyToPath"), "Keys to project; all when empty."),
        "defaultMode": S.integer("Mode bits of the files."),
        "optional": S.boolean("Whether the ConfigMap may be missing."),
      ]),
    S.core("SecretVolumeSource"): S.object(
      "A Secret's keys as files.",
      [
        "secretName": S.string("Name of the Secret."),
        "items": S.refList(of: S.core("KeyToPath"), "Keys to project; all when empty."),
        "defaultMode": S.integer("Mode bits of the files."),
        "optional": S.boolean("Whether the Secret may be missing."),
      ]),
    S.core("KeyToPath"): S.object(
      "A key projected to a file.", required: ["key", "path"],
      [
        "key": S.string("The key."), "path": S.string("Relative path of the file."),
        "mode": S.integer("Mode bits of the file."),
      ]),
    S.core("EmptyDirVolumeSource"): S.object(
      "A directory that starts empty and lives as long as the pod.",
      [
        "medium": S.string("Storage medium: empty for the node's default, or Memory."),
        "sizeLimit": S.ref(S.quantity, "The most it may hold."),
      ]),
    S.core("HostPathVolumeSource"): S.object(
      "A file or directory of the node.", required: ["path"],
      ["path": S.string("Path on the node."), "type": S.string("What must be at the path.")]),
    S.core("PersistentVolumeClaimVolumeSource"): S.object(
      "A persistent volume claim in the pod's namespace.", required: ["claimName"],
      [
        "claimName": S.string("Name of the claim."),
        "readOnly": S.boolean("Mount read-only."),
      ]),
    S.core("ProjectedVolumeSource"): S.object(
      "Several sources projected into one directory.",
      [
        "sources": S.refList(of: S.core("VolumeProjection"), "The sources."),
        "defaultMode": S.integer("Mode bits of the files."),
      ]),
    S.core("VolumeProjection"): S.object(
      "One source of a projected volume.",
      [
        "secret": S.ref(S.core("SecretProjection"), "A Secret's keys."),
        "configMap": S.ref(S.core("ConfigMapProjection"), "A ConfigMap's keys."),
        "downwardAPI": S.ref(S.core("DownwardAPIProjection"), "Fields of the pod."),
        "serviceAccountToken": S.ref(
          S.core("ServiceAccountTokenProjection"), "A service account token."),
        "clusterTrustBundle": S.freeform("Certificates of a ClusterTrustBundle."),
      ]),
    S.core("SecretProjection"): S.object(
      "A Secret's keys in a projected volume.",
      [
        "name": S.string("Name of the Secret."),
        "items": S.refList(of: S.core("KeyToPath"), "Keys to project; all when empty."),
        "optional": S.boolean("Whether the Secret may be missing."),
      ]),
    S.core("ConfigMapProjection"): S.object(
      "A ConfigMap's keys in a projected volume.",
      [
        "name": S.string("Name of the ConfigMap."),
        "items": S.refList(of: S.core("KeyToPath"), "Keys to project; all when empty."),
        "optional": S.boolean("Whether the ConfigMap may be missing."),
      ]),
    S.core("DownwardAPIProjection"): S.object(
      "Fields of the pod in a projected volume.",
      ["items": S.refList(of: S.core("DownwardAPIVolumeFile"), "The files.")]),
    S.core("ServiceAccountTokenProjection"): S.object(
      "A service account token in a projected volume.", required: ["path"],
      [
        "audience": S.string("Audience of the token."),
        "expirationSeconds": S.integer("Requested lifetime of the token.", format: "int64"),
        "path": S.string("Relative path of the file."),
      ]),
    S.core("DownwardAPIVolumeSource"): S.object(
      "Fields of the pod as files.",
      [
        "items": S.refList(of: S.core("DownwardAPIVolumeFile"), "The files."),
        "defaultMode": S.integer("Mode bits of the files."),
      ]),
    S.core("DownwardAPIVolumeFile"): S.object(
      "A file holding a field of the pod.", required: ["path"],
      [
        "path": S.string("Relative path of the file."),
        "fieldRef": S.ref(S.core("ObjectFieldSelector"), "A field of the pod."),
        "resourceFieldRef": S.ref(S.core("ResourceFieldSelector"), "A container resource."),
        "mode": S.integer("Mode bits of the file."),
      ]),
    S.core("CSIVolumeSource"): S.object(
      "A volume provided by a CSI driver.", required: ["driver"],
      [
        "driver": S.string("Name of the CSI driver."),
        "readOnly": S.boolean("Mount read-only."),
        "fsType": S.string("Filesystem type."),
        "volumeAttributes": S.stringMap("Driver-specific properties."),
        "nodePublishSecretRef": S.ref(
          S.core("LocalObjectReference"), "Secret passed to the driver."),
      ]),
    S.core("NFSVolumeSource"): S.object(
      "An NFS export.", required: ["server", "path"],
      [
        "server": S.string("NFS server."), "path": S.string("Exported path."),
        "readOnly": S.boolean("Mount read-only."),
      ]),
    S.core("EphemeralVolumeSource"): S.object(
      "A volume from a claim created with the pod and deleted with it.",
      ["volumeClaimTemplate": S.freeform("The PersistentVolumeClaim to create.")]),
    S.core("ImageVolumeSource"): S.object(
      "An OCI image or artifact as a read-only volume.",
      [
        "reference": S.string("Image reference."),
        "pullPolicy": S.string(
          "When the image is pulled.", enum: ["Always", "IfNotPresent", "Never"]),
      ]),
  ]

  /// A Volume's name and sources.
  private static let volumeMembers: [String: JSONValue] = {
    var members: [String: JSONValue] = [
      "name": S.string("Name of the volume, a DNS label unique within the pod."),
      "configMap": S.ref(S.core("ConfigMapVolumeSource"), "A ConfigMap."),
      "secret": S.ref(S.core("SecretVolumeSource"), "A Secret."),
      "emptyDir": S.ref(S.core("EmptyDirVolumeSource"), "A scratch directory."),
      "hostPath": S.ref(S.core("HostPathVolumeSource"), "A path on the node."),
      "persistentVolumeClaim": S.ref(
        S.core("PersistentVolumeClaimVolumeSource"), "A persistent volume claim."),
      "projected": S.ref(S.core("ProjectedVolumeSource"), "Several sources in one directory."),
      "downwardAPI": S.ref(S.core("DownwardAPIVolumeSource"), "Fields of the pod."),
      "csi": S.ref(S.core("CSIVolumeSource"), "A CSI driver's volume."),
      "nfs": S.ref(S.core("NFSVolumeSource"), "An NFS export."),
      "ephemeral": S.ref(S.core("EphemeralVolumeSource"), "A claim that lives with the pod."),
      "image": S.ref(S.core("ImageVolumeSource"), "An OCI image."),
    ]
    for legacy in [
      "awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc", "flexVolume",
      "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", "iscsi", "photonPersistentDisk",
      "portworxVolume", "quobyte", "rbd", "scaleIO", "storageos", "vsphereVolume",
    ] {
      members[legacy] = ["type": "object", "description": "A legacy in-tree volume source."]
    }
    return members
  }()
}
