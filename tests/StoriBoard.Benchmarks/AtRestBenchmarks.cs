using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using StoriBoard.Protection;

namespace StoriBoard.Benchmarks;

/// <summary>
/// What encryption at rest adds to one transcript entry: encrypting it on append and decrypting it on a History read.
/// Run: dotnet run -c Release --project tests/StoriBoard.Benchmarks -- --filter '*AtRest*' --job short
/// </summary>
[MemoryDiagnoser]
public class AtRestBenchmarks
{
    private readonly AtRestCipher _cipher = new(new EncryptionOptions
    {
        Keys = new() { ["k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
        CurrentKeyId = "k1",
    });

    private byte[] _entry = [];
    private byte[] _stored = [];

    /// <summary>A stored entry's JSON: about 400 bytes for a typical seeker message with its analysis, 4,400 at the 4,000-character limit.</summary>
    [Params(400, 4400)]
    public int EntryBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _entry = Encoding.UTF8.GetBytes(new string('x', EntryBytes));
        _stored = _cipher.Protect(_entry, "conversation-1");
    }

    [Benchmark(Description = "encrypt one entry")]
    public byte[] Protect() => _cipher.Protect(_entry, "conversation-1");

    [Benchmark(Description = "decrypt one entry")]
    public byte[] Unprotect() => _cipher.Unprotect(_stored, "conversation-1");
}
