using Microsoft.AspNetCore.Diagnostics;

namespace StoriBoard.Gateway.Api;

/// <summary>Every error answers with PROTOCOL.md's body, { "error", "message" }.</summary>
public static class ErrorResponses
{
    public static WebApplication UseStoriBoardErrors(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(context =>
        {
            var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            if (failure is not null && Faults.InnerRefusal(failure) is { } refusal)
            {
                return Refuse(context.Response, refusal);
            }

            if (failure is not null && Faults.IsFault(failure))
            {
                // Also faults outside the API's own filter, such as the token revocation check during authentication.
                return Unavailable(context.Response);
            }

            var (status, body) = failure switch
            {
                BadHttpRequestException bad => (bad.StatusCode, new ErrorBody(
                    bad.StatusCode == 413 ? ErrorCodes.TooLarge : ErrorCodes.Invalid, "The request was malformed.")),
                _ => (500, new ErrorBody("error", "Something went wrong on our side; please try again.")),
            };
            context.Response.StatusCode = status;
            return context.Response.WriteAsJsonAsync(body);
        }));

        // Bodiless answers (401 from authentication, 404 for unknown routes, 400 from binding) get the same shape.
        app.UseStatusCodePages(async status =>
        {
            var response = status.HttpContext.Response;
            var code = response.StatusCode switch
            {
                401 => ErrorCodes.Unauthorized,
                403 => ErrorCodes.Forbidden,
                404 => ErrorCodes.NotFound,
                405 => ErrorCodes.Invalid,
                413 => ErrorCodes.TooLarge,
                415 => ErrorCodes.Invalid,
                429 => ErrorCodes.RateLimited,
                503 => ErrorCodes.Unavailable,
                _ => ErrorCodes.Invalid,
            };
            await response.WriteAsJsonAsync(new ErrorBody(code, Describe(response.StatusCode)));
        });
        return app;
    }

    /// <summary>503 with Retry-After: the call met a fault and may be repeated as it was.</summary>
    public static Task Unavailable(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = Faults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return response.WriteAsJsonAsync(new ErrorBody(ErrorCodes.Unavailable, Faults.HttpMessage));
    }

    public static IResult UnavailableResult() => new WrittenBy(Unavailable);

    public static Task Refuse(HttpResponse response, HelplineException refusal)
    {
        response.StatusCode = refusal.StatusCode;
        return response.WriteAsJsonAsync(new ErrorBody(refusal.Code, refusal.Message));
    }

    /// <summary>429 with Retry-After, from the edge limits.</summary>
    public static Task TooMany(HttpResponse response, TimeSpan? retryAfter, string message)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        var seconds = Math.Max(1, (int)Math.Ceiling((retryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return response.WriteAsJsonAsync(new ErrorBody(ErrorCodes.RateLimited, message));
    }

    private sealed class WrittenBy(Func<HttpResponse, Task> write) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => write(httpContext.Response);
    }

    private static string Describe(int status) => status switch
    {
        401 => "A valid bearer token is required.",
        403 => "This is not allowed for your role.",
        404 => "There is nothing here.",
        413 => "The request is too large.",
        415 => "Send JSON with Content-Type: application/json.",
        429 => "Too many requests; wait and try again.",
        503 => Faults.HttpMessage,
        _ => "The request was malformed.",
    };
}
