using Jusou.ServiceDefaults.Http;
using Jusou.ServiceKit.Http;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Rules.Tests.Kit;

/// <summary>
/// The SQL a keyset page becomes, read with ToQueryString (Npgsql writes it without connecting to anything).
/// </summary>
public class KeysetPagingTests
{
    [Fact]
    public void The_first_page_is_ordered_by_id_and_asks_for_one_row_more_than_it_holds()
    {
        using var db = new PagingDb();
        var sql = db.Rows.PageOf(new PageRequest(20, null), r => r.Id).ToQueryString();

        Assert.Contains("ORDER BY r.\"Id\"", sql);
        Assert.Contains("LIMIT @p", sql);
        Assert.Contains("21", sql);
        Assert.DoesNotContain("WHERE", sql);
    }

    [Fact]
    public void A_later_page_starts_after_the_tokens_id_sent_as_a_parameter()
    {
        using var db = new PagingDb();
        var after = Guid.Parse("0193a5c0-0000-7000-8000-000000000001");
        var sql = db.Rows.PageOf(new PageRequest(5, after), r => r.Id).ToQueryString();

        var declarations = sql.Split('\n').Where(line => line.StartsWith("--")).ToList();
        var statement = string.Join('\n', sql.Split('\n').Where(line => !line.StartsWith("--")));
        Assert.Contains("WHERE r.\"Id\" > @", statement);
        Assert.Contains(declarations, line => line.Contains(after.ToString())); // the parameter's value
        Assert.DoesNotContain(after.ToString(), statement); // not inlined into the statement as a literal
    }

    [Fact]
    public void The_key_may_be_a_property_of_a_projection()
    {
        using var db = new PagingDb();
        var after = Guid.CreateVersion7();
        var sql = db.Rows.Select(r => new { Row = r, r.Name })
            .PageOf(new PageRequest(5, after), x => x.Row.Id).ToQueryString();

        Assert.Contains("WHERE r.\"Id\" > @", sql);
        Assert.Contains("ORDER BY r.\"Id\"", sql);
    }

    private sealed class Row
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
    }

    private sealed class PagingDb : DbContext
    {
        public DbSet<Row> Rows => Set<Row>();

        protected override void OnConfiguring(DbContextOptionsBuilder options) =>
            options.UseNpgsql("Host=nowhere.invalid");
    }
}
