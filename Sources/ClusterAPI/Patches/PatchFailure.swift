import Engine

/// Why a patch could not be applied, kept with the detail that explains it and classified the
/// way kube-apiserver's patch handler (`pkg/endpoints/handlers/patch.go`) answers it.
///
/// The detail is what our tests and logs read; `apiError` is what a client sees, which for some
/// classes is the API server's fixed text rather than the detail (a JSON patch whose `test` fails
/// is answered "the server rejected our request due to an error in our request", as upstream).
struct PatchFailure: Error, Sendable, Hashable, CustomStringConvertible {
  enum Class: Sendable, Hashable {
    /// 400: the patch document itself is malformed.
    case badRequest
    /// 422 with the generic text: the patch is well-formed but cannot apply (a JSON patch path
    /// that is missing, a failed `test`, a strategic list of lists).
    case unprocessable
    /// 413: more JSON patch operations than the server takes.
    case tooLarge
    /// 500: what the API server does not classify (a merged list element without its merge key,
    /// an unknown `$patch` directive), answered as an internal error carrying the detail.
    case `internal`
  }

  var kind: Class
  var detail: String

  init(_ kind: Class, _ detail: String) {
    self.kind = kind
    self.detail = detail
  }

  var description: String { detail }

  /// The answer a client gets.
  var apiError: APIError {
    switch kind {
    case .badRequest:
      return .badRequest(detail)
    case .unprocessable:
      return APIError(
        code: 422, reason: "Invalid",
        message: "the server rejected our request due to an error in our request",
        details: APIError.Details())
    case .tooLarge:
      return APIError(
        code: 413, reason: "RequestEntityTooLarge",
        message: "Request entity too large: \(detail)")
    case .internal:
      return APIError(
        code: 500, reason: "InternalError", message: "Internal error occurred: \(detail)",
        details: APIError.Details(causes: [APIError.Cause(reason: "", message: detail, field: "")]))
    }
  }
}

extension APIError {
  /// 422 for a patch whose result is not an object of the kind (`"[1,2]"` merged over a
  /// Deployment), named by the field `patch` as the API server does when it cannot decode the
  /// patched document.
  static func unusablePatchResult(_ result: JSONValue, kind: String) -> APIError {
    let text = (try? result.exactText()) ?? "\(result)"
    let what: String
    switch result {
    case .array: what = "array"
    case .string: what = "string"
    case .int, .double: what = "number"
    case .bool: what = "bool"
    case .null: what = "null"
    case .object: what = "object"
    }
    let reason = "json: cannot unmarshal \(what) into Go value of type \(kind)"
    let quoted = GoText.quoted(text)
    let cause = Cause(
      reason: "FieldValueInvalid", message: "Invalid value: \(quoted): \(reason)", field: "patch")
    return APIError(
      code: 422, reason: "Invalid",
      message: " \"\" is invalid: patch: Invalid value: \(quoted): \(reason)",
      details: Details(name: "", group: "", kind: "", causes: [cause]))
  }
}
