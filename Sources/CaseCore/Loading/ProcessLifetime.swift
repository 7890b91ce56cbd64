/// For one-shot commands: a value kept until the process exits, whose memory the exit returns
/// at once instead of freeing it piece by piece (at 100 000 excerpts, tearing the dataset down
/// took longer than some commands' work).
public enum ProcessLifetime {
    private final class Box<T> {
        let value: T
        init(_ value: T) { self.value = value }
    }

    /// Never released: call only where the value would live until the process ends anyway.
    public static func keep<T>(_ value: T) { _ = Unmanaged.passRetained(Box(value)) }
}
