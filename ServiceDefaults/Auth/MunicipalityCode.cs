using System.Globalization;
namespace Jusou.ServiceDefaults.Auth;

/// <summary>
/// 全国地方公共団体コード: two digits of the prefecture (01–47), three of the municipality, and a check digit
/// (検査数字) over the first five: weights 6, 5, 4, 3, 2, the sum's remainder by 11 taken from 11, its last digit.
/// 03208 (遠野市): 0·6 + 3·5 + 2·4 + 0·3 + 8·2 = 39; 39 mod 11 = 6; 11 − 6 = 5, so 032085.
/// </summary>
public static class MunicipalityCode
{
    private static readonly int[] Weights = [6, 5, 4, 3, 2];

    /// <summary>The check digit of a five-digit group code.</summary>
    public static char CheckDigit(ReadOnlySpan<char> fiveDigits)
    {
        if (fiveDigits.Length != 5) throw new ArgumentException("Five digits are needed.", nameof(fiveDigits));
        var sum = 0;
        for (var i = 0; i < 5; i++)
        {
            if (!char.IsAsciiDigit(fiveDigits[i])) throw new ArgumentException("Five digits are needed.", nameof(fiveDigits));
            sum += (fiveDigits[i] - '0') * Weights[i];
        }
        return (char)('0' + (11 - sum % 11) % 10);
    }

    /// <summary>The six-digit code of a five-digit group code: the code followed by its check digit.</summary>
    public static string WithCheckDigit(string fiveDigits) => fiveDigits + CheckDigit(fiveDigits);

    /// <summary>Six digits, a prefecture that exists (01–47) and the right check digit.</summary>
    public static bool IsValid(string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit)
        && int.Parse(code.AsSpan(0, 2), CultureInfo.InvariantCulture) is >= 1 and <= 47
        && CheckDigit(code.AsSpan(0, 5)) == code[5];
}
