using System.Reflection;
using StoriBoard.Tests.Browser;
using StoriBoard.Tests.Matching;

namespace StoriBoard.Tests.Infrastructure;

/// <summary>
/// Every test class carries exactly one tier, so `dotnet test --filter Tier=…` runs what it says: Unit (pure logic),
/// Cluster (in-process Orleans test cluster), Integration (Redis, gateway processes, SignalR), Browser (Playwright),
/// Fault (the fault suite: processes killed and Redis stalled under load).
/// </summary>
[Trait("Tier", "Unit")]
public sealed class TierTests
{
    private static readonly string[] Tiers = ["Unit", "Cluster", "Integration", "Browser", "Fault"];

    /// <summary>The least tier a class taking this fixture can be in: a fixture that starts a cluster is not a unit.</summary>
    private static readonly Dictionary<Type, string> FixtureTiers = new()
    {
        [typeof(ClusterFixture)] = "Cluster",
        [typeof(MatchingCluster)] = "Cluster",
        [typeof(RedisServer)] = "Integration",
        [typeof(Deploying.ContainerImages)] = "Integration",
        [typeof(BrowserFixture)] = "Browser",
    };

    private static IEnumerable<Type> TestClasses() =>
        typeof(TierTests).Assembly.GetTypes().Where(type =>
            type is { IsClass: true, IsAbstract: false }
            && type.GetMethods().Any(method => method.GetCustomAttributes<FactAttribute>().Any()));

    private static string[] TiersOf(MemberInfo member) =>
        member.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == "Tier")
            .Select(a => (string)a.ConstructorArguments[1].Value!)
            .ToArray();

    [Fact]
    public void The_assembly_has_test_classes_in_every_tier()
    {
        // Guards the checks below against passing on an empty list.
        var declared = TestClasses().SelectMany(TiersOf).ToHashSet();
        Assert.Equal(Tiers.Order(), declared.Order());
    }

    [Fact]
    public void Every_test_class_has_exactly_one_known_tier_on_the_class_and_none_on_its_methods()
    {
        var problems = new List<string>();
        foreach (var type in TestClasses())
        {
            var tiers = TiersOf(type);
            if (tiers.Length != 1 || !Tiers.Contains(tiers[0]))
            {
                problems.Add($"{type.FullName} has tier [{string.Join(", ", tiers)}]");
            }

            problems.AddRange(type.GetMethods()
                .Where(method => TiersOf(method).Length > 0)
                .Select(method => $"{type.FullName}.{method.Name} sets a tier of its own"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void No_test_class_claims_a_lower_tier_than_its_fixtures_need()
    {
        var problems = new List<string>();
        foreach (var type in TestClasses())
        {
            var declared = Array.IndexOf(Tiers, TiersOf(type).FirstOrDefault());
            var needed = type.GetConstructors()
                .SelectMany(constructor => constructor.GetParameters())
                .Select(parameter => FixtureTiers.GetValueOrDefault(parameter.ParameterType))
                .OfType<string>()
                .ToArray();
            problems.AddRange(needed
                .Where(tier => Array.IndexOf(Tiers, tier) > declared)
                .Select(tier => $"{type.FullName} takes a {tier} fixture but is in tier {TiersOf(type).FirstOrDefault()}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
