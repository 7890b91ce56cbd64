import CaseCore

extension AgreementScreen {
    /// The keys of this screen; Bindings.inEffect adds the global ones and asks each whether it is enabled.
    static let bindings: [Binding] =
        Bindings.moveKeysWithHint + [
            Binding([.enter], .open, .helpAgreementOpen, hint: .hintOpen),
            Binding([.char("r")], .resolveCode, .helpAgreementResolve, hint: .hintAgreementResolve),
            Binding([.char("s")], .cycleSort, .helpAgreementSort, hint: .hintAgreementSort),
            Binding([.char("a")], .cycleCoderA, .helpAgreementCoderA),
            Binding([.char("o")], .cycleCoderB, .helpAgreementCoderB, hint: .hintAgreementCoder)
        ]
}
