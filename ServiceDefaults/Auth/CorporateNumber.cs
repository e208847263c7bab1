namespace Jusou.ServiceDefaults.Auth;

/// <summary>
/// 法人番号 (the National Tax Agency's corporate number): thirteen digits, the first a check digit (検査用数字) over the
/// twelve that follow. Counting those twelve from the right (n = 1 … 12), each digit is weighted 1 when n is odd and
/// 2 when it is even; the check digit is 9 minus the weighted sum's remainder by 9. 国税庁 7000012050002: the sum is 11,
/// 11 mod 9 = 2, 9 − 2 = 7.
/// </summary>
public static class CorporateNumber
{
    /// <summary>The check digit of a twelve-digit base number.</summary>
    public static char CheckDigit(ReadOnlySpan<char> twelveDigits)
    {
        if (twelveDigits.Length != 12) throw new ArgumentException("Twelve digits are needed.", nameof(twelveDigits));
        var sum = 0;
        for (var n = 1; n <= 12; n++)
        {
            var digit = twelveDigits[12 - n];
            if (!char.IsAsciiDigit(digit)) throw new ArgumentException("Twelve digits are needed.", nameof(twelveDigits));
            sum += (digit - '0') * (n % 2 == 1 ? 1 : 2);
        }
        return (char)('0' + 9 - sum % 9);
    }

    /// <summary>The thirteen-digit number of a twelve-digit base: its check digit followed by the base.</summary>
    public static string WithCheckDigit(string twelveDigits) => CheckDigit(twelveDigits) + twelveDigits;

    /// <summary>Thirteen ASCII digits with the right check digit in front.</summary>
    public static bool IsValid(string? number) =>
        number is { Length: 13 } && number.All(char.IsAsciiDigit) && CheckDigit(number.AsSpan(1)) == number[0];
}
