using System.Collections.Concurrent;

namespace Jusou.Web.Gateway;

/// <summary>A code with its Japanese label, as GET /api/&lt;service&gt;/codes answers it.</summary>
public sealed record CodeLabel(string Code, string Label);

/// <summary>
/// The code tables of each service (GET /api/&lt;service&gt;/codes: 相談経路, 世帯類型, 相談内容 …), read once and kept: they
/// are the same for every municipality and change only with a release.
/// </summary>
public sealed class CodeTables
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<CodeLabel>>> _byService = new();

    public async Task<ServiceCodes> For(GatewayApi api, string service)
    {
        if (!_byService.TryGetValue(service, out var tables))
        {
            var answer = await api.Get<Dictionary<string, List<CodeLabel>>>($"/api/{service}/codes");
            if (!answer.Ok) return new ServiceCodes(new Dictionary<string, IReadOnlyList<CodeLabel>>());
            tables = answer.Value!.ToDictionary(t => t.Key, t => (IReadOnlyList<CodeLabel>)t.Value);
            _byService[service] = tables;
        }
        return new ServiceCodes(tables);
    }
}

/// <summary>One service's code tables.</summary>
public sealed record ServiceCodes(IReadOnlyDictionary<string, IReadOnlyList<CodeLabel>> Tables)
{
    public IReadOnlyList<CodeLabel> this[string table] => Tables.GetValueOrDefault(table) ?? [];

    /// <summary>The label of a code, or the code itself when the table does not have it.</summary>
    public string Label(string table, string? code) =>
        code is null ? "" : this[table].FirstOrDefault(c => c.Code == code)?.Label ?? code;
}
