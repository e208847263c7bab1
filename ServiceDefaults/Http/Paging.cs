using Microsoft.AspNetCore.Http;

namespace Jusou.ServiceDefaults.Http;

/// <summary>One page of a list, in a stable order; pass <see cref="NextPageToken"/> back as ?pageToken= for the next.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextPageToken);

/// <summary>
/// Keyset paging (docs/architecture.md#http): ?pageSize= (default 50, max 500) and ?pageToken=. Lists are ordered by their
/// UUIDv7 id, which is time-ordered, so the token is simply the last id seen.
/// </summary>
public readonly record struct PageRequest(int Size, Guid? After)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    /// <summary>Reads the paging parameters; a bad value is a validation error naming the parameter.</summary>
    public static bool TryRead(int? pageSize, string? pageToken, out PageRequest page, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var size = pageSize ?? DefaultSize;
        if (size is < 1 or > MaxSize) errors["pageSize"] = [$"pageSize must be between 1 and {MaxSize}."];
        Guid? after = null;
        if (!string.IsNullOrEmpty(pageToken))
        {
            if (Guid.TryParseExact(pageToken, "N", out var id)) after = id;
            else errors["pageToken"] = ["pageToken is not a token this API issued."];
        }
        page = new PageRequest(size, after);
        return errors.Count == 0;
    }

    /// <summary>Builds the page from up to Size + 1 rows fetched in id order.</summary>
    public Page<TOut> ToPage<TRow, TOut>(IReadOnlyList<TRow> rows, Func<TRow, Guid> id, Func<TRow, TOut> map)
    {
        var items = rows.Take(Size).Select(map).ToList();
        var next = rows.Count > Size ? id(rows[Size - 1]).ToString("N") : null;
        return new Page<TOut>(items, next);
    }
}
