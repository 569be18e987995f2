using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace ProviderApi.Relay;

/// <summary>The order of the three parts of an SM2 cipher text.</summary>
public enum Sm2Order
{
    /// <summary>C1‖C3‖C2: GB/T 32918.4-2016, sm-crypto's and Hutool's default.</summary>
    C1C3C2,

    /// <summary>C1‖C2‖C3: the 2010 draft, gmssl's and BouncyCastle's default.</summary>
    C1C2C3,
}

/// <summary>How cipher text is written as text.</summary>
public enum Sm2Encoding
{
    /// <summary>Lower-case hexadecimal (sm-crypto).</summary>
    Hex,

    /// <summary>Standard Base64 with padding.</summary>
    Base64,
}

/// <summary>The layout of cipher text the cloud expects: what it hands over at on-boarding.</summary>
/// <param name="Order">C1C3C2 or C1C2C3.</param>
/// <param name="WithPrefix">True when C1 keeps the 0x04 of an uncompressed point (BouncyCastle, Hutool); false as sm-crypto writes it.</param>
/// <param name="Encoding">Hex or Base64.</param>
public sealed record Sm2Format(Sm2Order Order, bool WithPrefix, Sm2Encoding Encoding)
{
    /// <summary>C1 (two 32-byte coordinates) and C3 (an SM3 digest), before any plaintext.</summary>
    private const int OverheadBytes = 64 + 32;

    /// <summary>sm-crypto's layout: C1C3C2, no 04, lower-case hex.</summary>
    public static Sm2Format Default { get; } = new(Sm2Order.C1C3C2, false, Sm2Encoding.Hex);

    /// <summary>The fewest bytes a cipher text of one plaintext byte has in this layout.</summary>
    public int MinimumBytes => OverheadBytes + 1 + (WithPrefix ? 1 : 0);

    /// <summary>
    /// True when <paramref name="value"/> has this layout's shape (hex or Base64 of at least
    /// <see cref="MinimumBytes"/>, starting with 04 where the prefix is kept). An ID number
    /// (15 or 18 characters) never does: such a value is taken as encrypted already.
    /// </summary>
    public bool LooksLikeCipherText(string value)
    {
        var bytes = TryDecode(value);
        return bytes is not null && bytes.Length >= MinimumBytes && (!WithPrefix || bytes[0] == 0x04);
    }

    public string Encode(byte[] cipher) =>
        Encoding == Sm2Encoding.Hex ? Convert.ToHexStringLower(cipher) : Convert.ToBase64String(cipher);

    public byte[]? TryDecode(string value)
    {
        if (Encoding == Sm2Encoding.Hex)
        {
            if (value.Length % 2 != 0 || !Hex.IsHex(value))
            {
                return null;
            }
            return Convert.FromHexString(value);
        }
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }

    public override string ToString() => $"{Order}, {(WithPrefix ? "with" : "without")} 04, {Encoding}";
}

/// <summary>
/// SM2 public-key encryption (GB/T 32918.4) with BouncyCastle on sm2p256v1, writing the layout
/// the cloud expects. The engine is always given its mode: BouncyCastle's own default is C1C2C3.
/// Thread-safe: an engine is made per call, k comes from one <see cref="SecureRandom"/>.
/// </summary>
public sealed class Sm2Cipher
{
    private static readonly X9ECParameters Curve = GMNamedCurves.GetByName("sm2p256v1");

    /// <summary>The sm2p256v1 domain.</summary>
    public static ECDomainParameters Domain { get; } = new(Curve);

    private readonly ECPublicKeyParameters publicKey;
    private readonly SecureRandom random = new();

    public Sm2Cipher(ECPublicKeyParameters publicKey, Sm2Format format)
    {
        this.publicKey = publicKey;
        Format = format;
    }

    public Sm2Format Format { get; }

    /// <summary>Encrypts the UTF-8 bytes of <paramref name="plaintext"/> with a fresh random k.</summary>
    public string Encrypt(string plaintext)
    {
        ArgumentException.ThrowIfNullOrEmpty(plaintext);
        var engine = new SM2Engine(new SM3Digest(), Mode(Format.Order));
        engine.Init(true, new ParametersWithRandom(publicKey, random));
        var bytes = Encoding.UTF8.GetBytes(plaintext);
        var cipher = engine.ProcessBlock(bytes, 0, bytes.Length);
        return Format.Encode(Format.WithPrefix ? cipher : cipher[1..]);
    }

    /// <summary>
    /// Decrypts cipher text of <paramref name="format"/> with a private key given as hex. The
    /// provider never holds the cloud's private key: this serves tests and checks of a key pair.
    /// </summary>
    public static string Decrypt(string cipherText, string privateKeyHex, Sm2Format format)
    {
        var bytes = format.TryDecode(cipherText) ?? throw new FormatException($"Not {format.Encoding} cipher text.");
        if (!format.WithPrefix)
        {
            bytes = [0x04, .. bytes];
        }
        var key = new ECPrivateKeyParameters(new BigInteger(privateKeyHex, 16), Domain);
        var engine = new SM2Engine(new SM3Digest(), Mode(format.Order));
        engine.Init(false, key);
        return Encoding.UTF8.GetString(engine.ProcessBlock(bytes, 0, bytes.Length));
    }

    private static SM2Engine.Mode Mode(Sm2Order order) => order == Sm2Order.C1C3C2 ? SM2Engine.Mode.C1C3C2 : SM2Engine.Mode.C1C2C3;

    /// <summary>
    /// Reads a public key as clouds hand it over: 130 hex characters (04‖X‖Y), 128 (X‖Y, as
    /// sm-crypto prints it without the 04), 66 (a compressed point, 02/03‖X), or a
    /// SubjectPublicKeyInfo in PEM or Base64 (Hutool, OpenSSL). The point must lie on sm2p256v1.
    /// </summary>
    /// <exception cref="FormatException">Why the text is not such a key.</exception>
    public static ECPublicKeyParameters ParsePublicKey(string text)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        if (compact.Length == 0)
        {
            throw new FormatException("it is empty");
        }

        byte[] point;
        if (Hex.IsHex(compact) && compact.Length is 128 or 130 or 66)
        {
            point = Convert.FromHexString(compact.Length == 128 ? "04" + compact : compact);
        }
        else if (Hex.IsHex(compact) && compact.Length % 2 == 0 && compact.Length < 200)
        {
            throw new FormatException($"{compact.Length} hex characters: a key in hex has 128 (X‖Y), 130 (04‖X‖Y) or 66 (02/03‖X)");
        }
        else
        {
            point = PointOfSubjectPublicKeyInfo(compact);
        }

        try
        {
            var q = Domain.Curve.DecodePoint(point);
            return new ECPublicKeyParameters(q, Domain);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"the point is not on the curve sm2p256v1 ({ex.Message})", ex);
        }
    }

    private static byte[] PointOfSubjectPublicKeyInfo(string compact)
    {
        var base64 = compact;
        if (base64.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            // Whitespace is gone: strip the armour lines by their dashes.
            var header = base64.IndexOf("-----", 10, StringComparison.Ordinal);
            var footer = base64.IndexOf("-----END", StringComparison.Ordinal);
            if (header < 0 || footer < header)
            {
                throw new FormatException("a PEM block without its END line");
            }
            base64 = base64[(header + 5)..footer];
        }

        byte[] der;
        try
        {
            der = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new FormatException("neither hex (128, 130 or 66 characters) nor PEM/Base64");
        }

        // A bare point in Base64 (65 or 33 bytes, as some hand-overs give it).
        if ((der.Length == 65 && der[0] == 0x04) || (der.Length == 33 && der[0] is 0x02 or 0x03))
        {
            return der;
        }

        AsymmetricKeyParameter key;
        try
        {
            key = PublicKeyFactory.CreateKey(der);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or SecurityUtilityException or InvalidCastException)
        {
            throw new FormatException($"Base64 that is not a SubjectPublicKeyInfo ({ex.Message})", ex);
        }
        if (key is not ECPublicKeyParameters ec)
        {
            throw new FormatException($"a {key.GetType().Name}, not an elliptic-curve public key");
        }
        if (!ec.Parameters.Curve.Equals(Domain.Curve) || !ec.Parameters.G.Equals(Domain.G))
        {
            throw new FormatException("an elliptic-curve key on another curve than sm2p256v1");
        }
        return ec.Q.GetEncoded(false);
    }
}

/// <summary>Hexadecimal text, either case.</summary>
internal static class Hex
{
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    public static bool IsHex(ReadOnlySpan<char> text) => text.Length > 0 && !text.ContainsAnyExcept(Digits);
}
