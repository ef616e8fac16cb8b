using System.Text.RegularExpressions;
using StoriBoard.Tests.Infrastructure;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StoriBoard.Tests.Deploying;

/// <summary>
/// The compose file and the Kubernetes manifests cannot be run on this machine, so what can be checked is checked here:
/// every StoriBoard setting they set is one the README documents, and each says what the guide promises (Redis's
/// append-only file, readiness on /health/ready, the pod fields and the role Kubernetes hosting needs).
/// </summary>
[Trait("Tier", "Unit")]
public sealed partial class DeployFilesTests
{
    private static readonly string Deploy = Path.Combine(RepoPaths.Root, "deploy");

    [Fact]
    public void Every_StoriBoard_setting_in_the_deploy_files_is_in_the_READMEs_settings_table()
    {
        var documented = DocumentedSettings();
        Assert.Contains("StoriBoard__Topology", documented.Keys); // guards against reading an empty table

        var files = Directory.EnumerateFiles(Deploy, "*", SearchOption.AllDirectories).ToList();
        var used = files
            .SelectMany(file => SettingName().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Name: m.Value)))
            .ToList();
        Assert.Contains(used, u => u.Name == "StoriBoard__Hosting");
        var unknown = used.Where(u => !documented.Values.Any(pattern => pattern.IsMatch(u.Name))).Distinct().ToList();
        Assert.True(unknown.Count == 0, string.Join("\n", unknown.Select(u => $"{u.File}: {u.Name} is not in the README's settings table")));
    }

    [Fact]
    public void Compose_runs_Redis_with_the_append_only_file_fsynced_every_second()
    {
        var redis = Service(Compose(), "redis");
        var command = Strings(redis["command"]);

        Assert.Equal("yes", After(command, "--appendonly"));
        Assert.Equal("everysec", After(command, "--appendfsync"));
        Assert.Contains(Strings(redis["volumes"]), volume => volume.EndsWith(":/data", StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_has_two_silos_each_advertising_its_own_address_and_two_gateways_as_clients_checked_on_health_ready()
    {
        var compose = Compose();
        foreach (var name in new[] { "silo-1", "silo-2" })
        {
            var silo = Service(compose, name);
            Assert.StartsWith("storiboard/silo:", Scalar(silo["image"]));
            var address = Scalar(((YamlMappingNode)((YamlMappingNode)silo["networks"])["cluster"])["ipv4_address"]);
            Assert.Equal(address, Scalar(((YamlMappingNode)silo["environment"])["StoriBoard__SiloAddress"]));
            Assert.Equal("storiboard.env", Scalar(silo["env_file"]));
        }

        foreach (var name in new[] { "gateway-1", "gateway-2" })
        {
            var gateway = Service(compose, name);
            Assert.StartsWith("storiboard/gateway:", Scalar(gateway["image"]));
            Assert.Equal("client", Scalar(((YamlMappingNode)gateway["environment"])["StoriBoard__Topology"]));
            Assert.Contains("GET /health/ready", string.Join(' ', Strings(((YamlMappingNode)gateway["healthcheck"])["test"])));
            Assert.Equal("storiboard.env", Scalar(gateway["env_file"]));
        }
    }

    [Fact]
    public void Compose_fills_every_placeholder_of_the_proxys_template_and_mounts_that_template()
    {
        var proxy = Service(Compose(), "proxy");
        var template = File.ReadAllText(Path.Combine(Deploy, "nginx", "storiboard.conf.template"));
        var set = ((YamlMappingNode)proxy["environment"]).Children.Keys.Select(Scalar).ToHashSet();

        var placeholders = Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(placeholders);
        Assert.All(placeholders, name => Assert.Contains(name, set));
        Assert.Contains(Strings(proxy["volumes"]), v => v.StartsWith("./nginx/storiboard.conf.template:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_env_file_example_names_every_secret_a_process_on_Redis_refuses_to_start_without()
    {
        var keys = File.ReadAllLines(Path.Combine(Deploy, "storiboard.env.example"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2)[0])
            .ToHashSet();

        Assert.Contains("StoriBoard__TokenKey", keys);
        Assert.Contains("StoriBoard__AdminKey", keys);
        Assert.Contains("StoriBoard__Encryption__CurrentKeyId", keys);
        Assert.Contains(keys, key => key.StartsWith("StoriBoard__Encryption__Keys__", StringComparison.Ordinal));
    }

    [Fact]
    public void Kubernetes_silos_get_their_pods_fields_the_hosting_setting_and_a_role_to_watch_pods()
    {
        var silos = Documents("silos.yaml").Single(d => Scalar(d["kind"]) == "Deployment");
        var pod = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)silos["spec"])["template"])["spec"];
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"]).Single();
        var env = ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>().ToDictionary(e => Scalar(e["name"]));

        Assert.Equal("kubernetes", Scalar(env["StoriBoard__Hosting"]["value"]));
        Assert.Equal("metadata.name", FieldOf(env["POD_NAME"]));
        Assert.Equal("metadata.namespace", FieldOf(env["POD_NAMESPACE"]));
        Assert.Equal("status.podIP", FieldOf(env["POD_IP"]));

        // The pods' cluster labels are how the silos find each other's pods: they must name the cluster the secret does.
        var labels = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)silos["spec"])["template"])["metadata"])["labels"];
        var secret = (YamlMappingNode)Documents("secret.example.yaml").Single()["stringData"];
        Assert.Equal(Scalar(secret["StoriBoard__ServiceId"]), Scalar(labels["orleans/serviceId"]));
        Assert.Equal(Scalar(secret["StoriBoard__ClusterId"]), Scalar(labels["orleans/clusterId"]));

        var rbac = Documents("silo-rbac.yaml");
        var account = Scalar(pod["serviceAccountName"]);
        var binding = rbac.Single(d => Scalar(d["kind"]) == "RoleBinding");
        Assert.Contains((YamlSequenceNode)binding["subjects"], s => Scalar(((YamlMappingNode)s)["name"]) == account);
        var role = rbac.Single(d => Scalar(d["kind"]) == "Role" && Scalar(((YamlMappingNode)d["metadata"])["name"]) == Scalar(((YamlMappingNode)binding["roleRef"])["name"]));
        var rule = ((YamlSequenceNode)role["rules"]).Cast<YamlMappingNode>().Single();
        Assert.Contains("pods", Strings(rule["resources"]));
        Assert.Equal(["get", "list", "patch", "watch"], Strings(rule["verbs"]).Order());
    }

    [Fact]
    public void Kubernetes_gateways_are_ready_on_health_ready_alive_on_health_live_and_run_as_the_images_user()
    {
        var gateways = Documents("gateways.yaml").Single(d => Scalar(d["kind"]) == "Deployment");
        var pod = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)gateways["spec"])["template"])["spec"];
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"]).Single();

        Assert.Equal("/health/ready", Scalar(((YamlMappingNode)((YamlMappingNode)container["readinessProbe"])["httpGet"])["path"]));
        Assert.Equal("/health/live", Scalar(((YamlMappingNode)((YamlMappingNode)container["livenessProbe"])["httpGet"])["path"]));
        Assert.Equal("1654", Scalar(((YamlMappingNode)pod["securityContext"])["runAsUser"]));
        Assert.Equal("8080", Scalar(((YamlMappingNode)((YamlSequenceNode)container["ports"]).Single())["containerPort"]));
    }

    /// <summary>Each documented name as a pattern: "…__X" continues the name before it, "&lt;id&gt;" stands for any id.</summary>
    private static Dictionary<string, Regex> DocumentedSettings()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("\n## Configuration", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        var names = new Dictionary<string, Regex>();
        foreach (var row in section.Split('\n').Where(line => line.StartsWith("| ", StringComparison.Ordinal)))
        {
            var cell = row.Split('|')[2];
            var previous = "";
            foreach (Match quoted in Quoted().Matches(cell))
            {
                var name = quoted.Groups[1].Value;
                if (name.StartsWith("…__", StringComparison.Ordinal))
                {
                    name = previous[..(previous.LastIndexOf("__", StringComparison.Ordinal) + 2)] + name[3..];
                }

                if (name.StartsWith("StoriBoard__", StringComparison.Ordinal))
                {
                    names[name] = new Regex("^" + Regex.Escape(name).Replace("<id>", "[A-Za-z0-9_-]+") + "$");
                    previous = name;
                }
            }
        }

        return names;
    }

    private static YamlMappingNode Compose() => Load(Path.Combine(Deploy, "compose.yaml")).Single();

    private static List<YamlMappingNode> Documents(string manifest) => Load(Path.Combine(Deploy, "kubernetes", manifest));

    /// <summary>Every document of a YAML file, with merge keys ("&lt;&lt;: *anchor") resolved as compose resolves them.</summary>
    private static List<YamlMappingNode> Load(string path)
    {
        using var reader = new StringReader(File.ReadAllText(path));
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlMappingNode Service(YamlMappingNode compose, string name) =>
        (YamlMappingNode)((YamlMappingNode)compose["services"])[name];

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value!;

    private static string[] Strings(YamlNode node) => ((YamlSequenceNode)node).Select(Scalar).ToArray();

    private static string After(string[] command, string option) => command[Array.IndexOf(command, option) + 1];

    private static string FieldOf(YamlMappingNode variable) =>
        Scalar(((YamlMappingNode)((YamlMappingNode)variable["valueFrom"])["fieldRef"])["fieldPath"]);

    [GeneratedRegex(@"StoriBoard__[A-Za-z0-9_]+")]
    private static partial Regex SettingName();

    [GeneratedRegex(@"\$\{([A-Z0-9_]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Quoted();
}
