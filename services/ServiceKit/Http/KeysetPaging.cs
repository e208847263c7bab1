using System.Linq.Expressions;
using Jusou.ServiceDefaults.Http;

namespace Jusou.ServiceKit.Http;

/// <summary>
/// The query side of keyset paging (docs/architecture.md#http): the rows after the page token's id, in id order, one
/// more than the page holds so that <see cref="PageRequest.ToPage"/> knows whether a next page exists. Ids are UUIDv7,
/// so id order is the order records were made in.
/// </summary>
public static class KeysetPaging
{
    /// <summary>
    /// <c>WHERE id &gt; @after ORDER BY id LIMIT size + 1</c>, with <paramref name="id"/> naming the key (usually
    /// <c>x =&gt; x.Id</c>).
    /// </summary>
    public static IQueryable<TRow> PageOf<TRow>(this IQueryable<TRow> query, PageRequest page, Expression<Func<TRow, Guid>> id)
    {
        if (page.After is { } after) query = query.Where(IdAfter(id, after));
        return query.OrderBy(id).Take(page.Size + 1);
    }

    // id.CompareTo(after) > 0, which Npgsql translates to "id > @after"; the token is read through a field so that EF
    // sends it as a parameter and the plan is shared by every page.
    private static Expression<Func<TRow, bool>> IdAfter<TRow>(Expression<Func<TRow, Guid>> id, Guid after)
    {
        var token = Expression.Field(Expression.Constant(new Token(after)), nameof(Token.Value));
        var compare = Expression.Call(id.Body, typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!, token);
        return Expression.Lambda<Func<TRow, bool>>(Expression.GreaterThan(compare, Expression.Constant(0)), id.Parameters);
    }

    private sealed class Token(Guid value)
    {
        public readonly Guid Value = value;
    }
}
