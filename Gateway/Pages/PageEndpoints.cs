using Microsoft.Net.Http.Headers;

namespace StoriBoard.Gateway;

/// <summary>Serves the help-seeker chat (<c>/</c>), the supporter console (<c>/console</c>), the admin page (<c>/admin</c>), the reports (<c>/reports</c>) and the supervisors' floor (<c>/floor</c>) from wwwroot.</summary>
public static class PageEndpoints
{
    /// <summary>
    /// Scripts come only from our own files (no inline script, so injected markup cannot run even
    /// if a bug ever let it into the page); connections go only back to this gateway, whose
    /// WebSocket 'self' also covers; nothing may frame the pages.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication MapStoriBoardPages(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var isPage = context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase);
                AddSecurityHeaders(context.Context.Response, isPage);
            },
        });

        MapPage(app, "/console", "console.html");
        MapPage(app, "/admin", "admin.html");
        MapPage(app, "/reports", "reports.html");
        MapPage(app, "/floor", "floor.html");
        return app;
    }

    private static void MapPage(WebApplication app, string path, string file)
    {
        app.MapGet(path, (HttpContext context, IWebHostEnvironment environment) =>
        {
            var page = environment.WebRootFileProvider.GetFileInfo(file);
            if (!page.Exists)
            {
                return Results.NotFound();
            }

            AddSecurityHeaders(context.Response, isPage: true);
            return Results.Stream(page.CreateReadStream(), "text/html; charset=utf-8");
        }).ExcludeFromDescription();
    }

    private static void AddSecurityHeaders(HttpResponse response, bool isPage)
    {
        var headers = response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        // The quick exit must not tell the neutral site where the person came from.
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (isPage)
        {
            headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
            headers[HeaderNames.XFrameOptions] = "DENY";
            // On a shared phone, neither the back button nor the disk cache may bring a chat back.
            headers[HeaderNames.CacheControl] = "no-store";
        }
        else
        {
            headers[HeaderNames.CacheControl] = "no-cache";
        }
    }
}
