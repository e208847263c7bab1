namespace Jusou.CommunityResources.ResourceDirectory;

/// <summary>
/// An organisation's code: its 法人番号 (13 digits with a valid check digit) where it has one, else a code the
/// municipality gives it (lowercase ASCII letters, digits, '-' and '_', 2–40 characters, e.g. tono-shakyo). A local code
/// of 13 digits is refused, so a local code never collides with a 法人番号. It is set once, in one of the two ways.
/// </summary>
public static class OrganisationCode
{
    public const int MaxLength = 40;

    public static bool IsLocalCode(string code) =>
        code.Length is >= 2 and <= MaxLength && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_')
        && !(code.Length == 13 && code.All(char.IsAsciiDigit));

    /// <summary>The code a new organisation gets from the request's <paramref name="code"/> or <paramref name="corporateNumber"/>.</summary>
    public static string? Check(Validation validation, string? code, string? corporateNumber)
    {
        if (code is null && corporateNumber is null)
        {
            validation.Add("code", "Give the organisation's corporateNumber (法人番号), or when it has none a code of the municipality's own (code).");
            return null;
        }
        if (code is not null && corporateNumber is not null)
        {
            validation.Add("code", "Give either corporateNumber (法人番号) or code, not both: the 法人番号 is the code.");
            return null;
        }
        if (corporateNumber is not null)
        {
            if (CorporateNumber.IsValid(corporateNumber)) return corporateNumber;
            validation.Add("corporateNumber", $"'{corporateNumber}' is not a 法人番号: 13 digits, the first the check digit of the other twelve.");
            return null;
        }
        if (code!.Length == 13 && code.All(char.IsAsciiDigit))
        {
            validation.Add("code", "A 13-digit code is a 法人番号: give it as corporateNumber.");
            return null;
        }
        if (IsLocalCode(code)) return code;
        validation.Add("code", "A code is 2–40 lowercase ASCII letters, digits, '-' or '_' (e.g. tono-shakyo).");
        return null;
    }
}
