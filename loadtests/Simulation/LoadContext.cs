using StoriBoard.LoadTests.Metrics;
using StoriBoard.LoadTests.Protocol;

namespace StoriBoard.LoadTests.Simulation;

/// <summary>What every simulated person of one run shares.</summary>
public sealed record LoadContext(
    Uri BaseUrl,
    GatewayHttp Http,
    RunMetrics Metrics,
    MessageCatalog Catalog,
    PeopleSettings People,
    ConversationRegistry Registry)
{
    public RunClock Clock => Metrics.Clock;
}
