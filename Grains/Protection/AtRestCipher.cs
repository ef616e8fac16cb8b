using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace StoriBoard.Protection;

/// <summary>
/// AES-256-GCM for values stored in Redis. A stored value is ASCII text,
/// <c>sb1.&lt;key id&gt;.&lt;base64(nonce ‖ tag ‖ ciphertext)&gt;</c>: the key id lets keys rotate while older values stay
/// readable, a random 96-bit nonce per value, and the header plus a caller's context (e.g. the conversation id) are
/// authenticated, so a value cannot be moved to another conversation or relabelled with another key unnoticed.
/// Text, not bytes, because Orleans' Redis grain storage stores its serializer's output as a string.
/// </summary>
public sealed class AtRestCipher
{
    private const string Version = "sb1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _currentKeyId;
    private readonly byte[] _currentPrefix;

    public AtRestCipher(EncryptionOptions options)
    {
        if (options.Problem(required: true) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        _keys = options.Keys.ToDictionary(k => k.Key, k => EncryptionOptions.Decode(k.Value)!, StringComparer.OrdinalIgnoreCase);
        _currentKeyId = _keys.Keys.First(id => string.Equals(id, options.CurrentKeyId, StringComparison.OrdinalIgnoreCase));
        _currentPrefix = Encoding.ASCII.GetBytes($"{Version}.{_currentKeyId}.");
    }

    public string CurrentKeyId => _currentKeyId;

    /// <summary>True when <paramref name="stored"/> was written by <see cref="Protect"/> (anything else is a value
    /// stored in the clear before encryption was turned on).</summary>
    public static bool IsProtected(ReadOnlySpan<byte> stored) =>
        stored.Length > Version.Length + 1 && stored[..Version.Length].SequenceEqual("sb1"u8) && stored[Version.Length] == (byte)'.';

    /// <summary>Encrypts <paramref name="plaintext"/> under the current key, bound to <paramref name="context"/>.</summary>
    public byte[] Protect(ReadOnlySpan<byte> plaintext, string context)
    {
        var sealedLength = NonceSize + TagSize + plaintext.Length;
        var output = new byte[_currentPrefix.Length + Base64.GetMaxEncodedToUtf8Length(sealedLength)];
        _currentPrefix.CopyTo(output, 0);

        var rented = ArrayPool<byte>.Shared.Rent(sealedLength);
        try
        {
            var sealedSpan = rented.AsSpan(0, sealedLength);
            var nonce = sealedSpan[..NonceSize];
            var tag = sealedSpan.Slice(NonceSize, TagSize);
            RandomNumberGenerator.Fill(nonce);
            Aes(_keys[_currentKeyId]).Encrypt(nonce, plaintext, sealedSpan[(NonceSize + TagSize)..], tag, AssociatedData(_currentPrefix, context));

            Base64.EncodeToUtf8(sealedSpan, output.AsSpan(_currentPrefix.Length), out _, out var written);
            return output.AsSpan(0, _currentPrefix.Length + written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    /// <summary>Decrypts a value written by <see cref="Protect"/> under any configured key, with the same context.</summary>
    /// <exception cref="CryptographicException">The key is not configured, or the value or its context was altered.</exception>
    public byte[] Unprotect(ReadOnlySpan<byte> stored, string context)
    {
        if (!IsProtected(stored))
        {
            throw new CryptographicException("The stored value is not in the encrypted format.");
        }

        var afterVersion = stored[(Version.Length + 1)..];
        var dot = afterVersion.IndexOf((byte)'.');
        if (dot <= 0)
        {
            throw new CryptographicException("The stored value has no key id.");
        }

        var keyId = Encoding.ASCII.GetString(afterVersion[..dot]);
        if (!_keys.TryGetValue(keyId, out var key))
        {
            // Names the setting, never the value.
            throw new CryptographicException(
                $"A stored value was encrypted under key id '{keyId}', which is not configured: keep StoriBoard__Encryption__Keys__{keyId} until the data written under it has expired.");
        }

        var header = stored[..(Version.Length + 1 + dot + 1)];
        var body = afterVersion[(dot + 1)..];
        var rented = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(body.Length));
        try
        {
            if (Base64.DecodeFromUtf8(body, rented, out _, out var length) != OperationStatus.Done || length < NonceSize + TagSize)
            {
                throw new CryptographicException("The stored value is damaged.");
            }

            var sealedSpan = rented.AsSpan(0, length);
            var plaintext = new byte[length - NonceSize - TagSize];
            Aes(key).Decrypt(
                sealedSpan[..NonceSize], sealedSpan[(NonceSize + TagSize)..], sealedSpan.Slice(NonceSize, TagSize), plaintext,
                AssociatedData(header, context));
            return plaintext;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    // Setting up an AES-GCM context costs more than sealing a message; an instance is not safe to share between threads,
    // so each thread keeps one per key.
    [ThreadStatic]
    private static Dictionary<byte[], AesGcm>? _contexts;

    private static AesGcm Aes(byte[] key)
    {
        _contexts ??= new Dictionary<byte[], AesGcm>(ReferenceEqualityComparer.Instance);
        if (!_contexts.TryGetValue(key, out var aes))
        {
            aes = new AesGcm(key, TagSize);
            _contexts[key] = aes;
        }

        return aes;
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string context)
    {
        var data = new byte[header.Length + Encoding.UTF8.GetByteCount(context)];
        header.CopyTo(data);
        Encoding.UTF8.GetBytes(context, data.AsSpan(header.Length));
        return data;
    }
}
