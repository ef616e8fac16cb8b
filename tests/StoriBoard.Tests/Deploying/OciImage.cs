using System.Diagnostics;
using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;

namespace StoriBoard.Tests.Deploying;

/// <summary>
/// An image archive as `dotnet publish /t:PublishContainer` writes it (an OCI image layout in a tar), read the way a
/// container engine would: index, manifest, config and layers, each blob checked against its digest.
/// </summary>
public sealed class OciImage
{
    private OciImage(JsonElement config, IReadOnlyList<string> layers)
    {
        Config = config;
        Layers = layers;
    }

    /// <summary>The image's config: "config" holds the entrypoint, user, ports, environment and labels.</summary>
    public JsonElement Config { get; }

    /// <summary>The layers' blob files, base first.</summary>
    public IReadOnlyList<string> Layers { get; }

    public JsonElement RunConfig => Config.GetProperty("config");

    public string[] Entrypoint => RunConfig.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()!).ToArray();

    public string User => RunConfig.GetProperty("User").GetString()!;

    public string WorkingDir => RunConfig.GetProperty("WorkingDir").GetString()!;

    public string[] ExposedPorts => RunConfig.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).ToArray();

    public Dictionary<string, string> Environment => RunConfig.GetProperty("Env").EnumerateArray()
        .Select(e => e.GetString()!.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair[1]);

    public Dictionary<string, string> Labels => RunConfig.GetProperty("Labels").EnumerateObject()
        .ToDictionary(p => p.Name, p => p.Value.GetString()!);

    /// <summary>Unpacks the archive into <paramref name="folder"/> and reads it; throws on any blob whose digest is wrong.</summary>
    public static async Task<OciImage> Open(string archive, string folder)
    {
        Directory.CreateDirectory(folder);
        await TarFile.ExtractToDirectoryAsync(archive, folder, overwriteFiles: false);
        using var index = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "index.json")));
        var manifestDigest = index.RootElement.GetProperty("manifests").EnumerateArray().Single().GetProperty("digest").GetString()!;
        using var manifest = JsonDocument.Parse(await Blob(folder, manifestDigest));
        var config = JsonDocument.Parse(await Blob(folder, manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!));
        var layers = new List<string>();
        foreach (var layer in manifest.RootElement.GetProperty("layers").EnumerateArray())
        {
            var digest = layer.GetProperty("digest").GetString()!;
            await Blob(folder, digest, read: false);
            layers.Add(BlobPath(folder, digest));
        }

        return new OciImage(config.RootElement.Clone(), layers);
    }

    /// <summary>Lays the layers one over the other into <paramref name="root"/>, as a container's root file system.</summary>
    public async Task Unpack(string root)
    {
        foreach (var layer in Layers)
        {
            // A layer that removes a file of the one below marks it with a ".wh." entry; these images have none, and
            // the check keeps the simple unpacking honest.
            var listing = await Commands.Run("tar", ["-tzf", layer], timeout: TimeSpan.FromMinutes(2));
            if (listing.Split('\n').Any(entry => Path.GetFileName(entry).StartsWith(".wh.", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"Layer {Path.GetFileName(layer)} removes files; unpack it with whiteouts.");
            }

            await Commands.Run("tar", ["-xzf", layer, "-C", root, "--numeric-owner"], timeout: TimeSpan.FromMinutes(2));
        }
    }

    /// <summary>
    /// Starts the entrypoint (or <paramref name="command"/>, like `docker exec`) in <paramref name="root"/> as a
    /// container engine would, with the image's user, working directory and environment (plus
    /// <paramref name="overrides"/>, like `docker run -e`): its own mount and process namespaces, its own /proc, the
    /// root changed. The host's network is kept, so it answers on loopback.
    /// </summary>
    public Process Run(string root, IReadOnlyDictionary<string, string> overrides, string[]? command = null)
    {
        var user = User.Split(':');
        var start = new ProcessStartInfo("unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])
                 [
                     "--mount", "--pid", "--fork", "--kill-child=SIGTERM", "--mount-proc=/proc", $"--root={root}", $"--wd={WorkingDir}",
                     $"--setuid={user[0]}", $"--setgid={(user.Length > 1 ? user[1] : user[0])}", "--", .. command ?? Entrypoint,
                 ])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in Environment.Concat(overrides).GroupBy(e => e.Key).Select(g => g.Last()))
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("unshare could not start");
    }

    private static string BlobPath(string folder, string digest) =>
        Path.Combine(folder, "blobs", "sha256", digest.StartsWith("sha256:", StringComparison.Ordinal) ? digest[7..] : throw new InvalidDataException(digest));

    private static async Task<string> Blob(string folder, string digest, bool read = true)
    {
        var path = BlobPath(folder, digest);
        await using (var file = File.OpenRead(path))
        {
            var actual = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
            if (actual != digest)
            {
                throw new InvalidDataException($"Blob {digest} has digest {actual}.");
            }
        }

        return read ? await File.ReadAllTextAsync(path) : "";
    }
}
