using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Jusou.ServiceDefaults.Http;

public sealed record CodeLabel(string Code, string Label);

/// <summary>GET /api/&lt;service&gt;/codes: a service's code tables, each code with its Japanese label. The tables stay the service's own.</summary>
public static class CodeTables
{
    public static RouteHandlerBuilder MapCodeTables(this IEndpointRouteBuilder api,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> tables, string endpointName, string summary) =>
        api.MapGet("/codes", () => TypedResults.Ok(tables.ToDictionary(
                table => table.Key,
                table => table.Value.Select(entry => new CodeLabel(entry.Key, entry.Value)).ToList())))
            .WithTags("Codes (コード表)")
            .WithName(endpointName)
            .WithSummary(summary);
}
