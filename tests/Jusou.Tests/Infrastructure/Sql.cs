using Npgsql;

namespace Jusou.Tests.Infrastructure;

/// <summary>Reads a service's database directly, to prove what was (or was not) stored.</summary>
public static class Sql
{
    public static async Task<long> Count(SystemFixture system, string database, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(await system.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Changes a service's database directly: for a test that must make time pass (e.g. back-date a closure).</summary>
    public static async Task<int> Execute(SystemFixture system, string database, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(await system.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of every row, as text (e.g. event payloads).</summary>
    public static async Task<List<string>> Strings(SystemFixture system, string database, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(await system.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
