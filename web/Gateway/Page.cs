namespace Jusou.Web.Gateway;

/// <summary>A keyset page as every list of the API answers it.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextPageToken);
