using Jusou.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace Jusou.ServiceKit.Gaiji;

/// <summary>A name may hold a private-use character only when the municipality registered it as 外字.</summary>
public static class GaijiValidation
{
    /// <summary>Adds an error on <paramref name="field"/> naming each private-use character of <paramref name="name"/> that is not registered.</summary>
    public static async Task<Validation> CheckGaiji(this Validation validation, ServiceDbContext db, string field, string? name,
        CancellationToken cancellationToken)
    {
        var used = GaijiEntry.PrivateUseIn(name);
        if (used.Count == 0) return validation;
        var registered = await db.Set<GaijiEntry>().AsNoTracking().Where(g => used.Contains(g.CodePoint)).Select(g => g.CodePoint)
            .ToListAsync(cancellationToken);
        foreach (var codePoint in used.Except(registered))
        {
            validation.Add(field, $"{GaijiEntry.Notation(codePoint)} is a private-use character (外字) this municipality has not registered. "
                + "Register it with what it stands for (POST /api/intake/gaiji), or write the name with a standard character.");
        }
        return validation;
    }
}
