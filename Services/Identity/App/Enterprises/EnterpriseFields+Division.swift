import ServiceKit
import Validators

extension EnterpriseFields {
    /// Online registration only (an admin's import may still bring any valid code): the USCC's
    /// characters 3–8 name the registering authority's division, which must be in the region's
    /// province (or central), so a Pingdingshan registration with another province's code is refused.
    func requireRegisteringAuthorityOfRegion() throws {
        guard USCC.registeringAuthority(of: uscc, mayServe: region) else {
            throw APIError.invalid(
                "uscc", "characters 3–8 (the registering authority's division code) are not of the region's province")
        }
    }
}
