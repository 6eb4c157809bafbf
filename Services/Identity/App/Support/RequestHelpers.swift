import Foundation
import Hummingbird

/// An empty success body.
struct Done: ResponseCodable {
    var ok = true
}
