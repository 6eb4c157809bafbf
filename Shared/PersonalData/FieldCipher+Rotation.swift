extension FieldCipher {
    /// The value of `field` sealed again under the current key (for re-sealing after a key rotation).
    public func reseal(_ field: SealedField) throws -> SealedField {
        try seal(open(field))
    }
}
