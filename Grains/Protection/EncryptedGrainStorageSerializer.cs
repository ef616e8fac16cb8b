using Orleans.Storage;

namespace StoriBoard.Protection;

/// <summary>
/// Encrypts whole grain states on their way to storage: notes, ratings, risk history with its reasons, themes and
/// profiles alike, with no field to forget. Wraps the serializer Orleans would have used, so the stored plaintext
/// is exactly what it was before; a state stored in the clear before encryption was turned on is still read.
/// </summary>
public sealed class EncryptedGrainStorageSerializer(IGrainStorageSerializer inner, AtRestCipher cipher) : IGrainStorageSerializer
{
    // Grain state is not bound to its grain id (the serializer is not told it); the storage key already is.
    private const string Context = "grain-state";

    public BinaryData Serialize<T>(T? input) =>
        new(cipher.Protect(inner.Serialize(input).ToMemory().Span, Context));

    public T? Deserialize<T>(BinaryData input)
    {
        var stored = input.ToMemory();
        return AtRestCipher.IsProtected(stored.Span)
            ? inner.Deserialize<T>(new BinaryData(cipher.Unprotect(stored.Span, Context)))
            : inner.Deserialize<T>(input);
    }
}
