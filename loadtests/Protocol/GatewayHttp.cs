using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace StoriBoard.LoadTests.Protocol;

/// <summary>The gateway's HTTP calls that the simulated people make.</summary>
public sealed class GatewayHttp : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly string? _adminKey;

    public GatewayHttp(Uri baseUrl, string? adminKey)
    {
        _adminKey = adminKey;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseCookies = false })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public async Task<SessionCreated> CreateSessionAsync(CancellationToken cancel)
    {
        using var response = await _http.PostAsJsonAsync("/api/sessions", new NewSession("en", "GB"), Json, cancel);
        return await ReadAsync<SessionCreated>(response, cancel);
    }

    public async Task<SupporterCreated> CreateSupporterAsync(NewSupporter supporter, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/supporters")
        {
            Content = JsonContent.Create(supporter, options: Json),
        };
        request.Headers.Add("X-Admin-Key", _adminKey ?? throw new GatewayException("no-admin-key", "Supporters need --admin-key."));
        using var response = await _http.SendAsync(request, cancel);
        return await ReadAsync<SupporterCreated>(response, cancel);
    }

    public async Task<bool> IsHealthyAsync(CancellationToken cancel)
    {
        try
        {
            using var response = await _http.GetAsync("/health", cancel);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancel)
    {
        if (!response.IsSuccessStatusCode)
        {
            var code = $"http-{(int)response.StatusCode}";
            try
            {
                var error = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancel);
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("error", out var named))
                {
                    code = named.GetString() ?? code;
                }
            }
            catch (JsonException)
            {
                // A body that is not the documented error shape still counts under the status code.
            }

            throw new GatewayException(code, $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri?.AbsolutePath}");
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, cancel)
            ?? throw new GatewayException("empty-body", "The gateway answered with an empty body.");
    }

    public void Dispose() => _http.Dispose();
}
