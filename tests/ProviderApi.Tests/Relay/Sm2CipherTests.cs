using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using ProviderApi.Relay;

namespace ProviderApi.Tests.Relay;

/// <summary>SM2 as the cloud's other partners write it: every layout, keys in every form, cipher text from sm-crypto.</summary>
public sealed class Sm2CipherTests
{
    private static (ECPublicKeyParameters Public, string PrivateHex) NewKeyPair()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Sm2Cipher.Domain, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return ((ECPublicKeyParameters)pair.Public, ((ECPrivateKeyParameters)pair.Private).D.ToString(16));
    }

    public static TheoryData<Sm2Order, bool, Sm2Encoding> EveryLayout()
    {
        var data = new TheoryData<Sm2Order, bool, Sm2Encoding>();
        foreach (var order in Enum.GetValues<Sm2Order>())
        {
            foreach (var prefix in new[] { false, true })
            {
                foreach (var encoding in Enum.GetValues<Sm2Encoding>())
                {
                    data.Add(order, prefix, encoding);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryLayout))]
    public void Round_trips_in_every_layout(Sm2Order order, bool prefix, Sm2Encoding encoding)
    {
        var (publicKey, privateKey) = NewKeyPair();
        var format = new Sm2Format(order, prefix, encoding);
        var cipher = new Sm2Cipher(publicKey, format);

        foreach (var plaintext in new[] { "11010519491231002X", "450000197001010012", "张医生", "x" })
        {
            var encrypted = cipher.Encrypt(plaintext);

            Assert.Equal(plaintext, Sm2Cipher.Decrypt(encrypted, privateKey, format));
            var bytes = format.TryDecode(encrypted)!;
            Assert.Equal(64 + 32 + System.Text.Encoding.UTF8.GetByteCount(plaintext) + (prefix ? 1 : 0), bytes.Length);
            if (prefix)
            {
                Assert.Equal(0x04, bytes[0]);
            }
            Assert.True(format.LooksLikeCipherText(encrypted));
            if (encoding == Sm2Encoding.Hex)
            {
                Assert.Equal(encrypted.ToLowerInvariant(), encrypted);
            }
            else
            {
                Assert.Equal(Convert.ToBase64String(bytes), encrypted);
            }
        }
    }

    [Fact]
    public void The_two_orders_really_differ_and_neither_decrypts_as_the_other()
    {
        var (publicKey, privateKey) = NewKeyPair();
        var c1c3c2 = new Sm2Format(Sm2Order.C1C3C2, false, Sm2Encoding.Hex);
        var c1c2c3 = new Sm2Format(Sm2Order.C1C2C3, false, Sm2Encoding.Hex);

        var encrypted = new Sm2Cipher(publicKey, c1c3c2).Encrypt("11010519491231002X");

        Assert.ThrowsAny<Exception>(() => Sm2Cipher.Decrypt(encrypted, privateKey, c1c2c3));
    }

    [Fact]
    public void A_new_random_k_every_time()
    {
        var (publicKey, _) = NewKeyPair();
        var cipher = new Sm2Cipher(publicKey, Sm2Format.Default);

        Assert.NotEqual(cipher.Encrypt("11010519491231002X"), cipher.Encrypt("11010519491231002X"));
    }

    [Fact]
    public void Cipher_text_made_by_sm_crypto_decrypts_with_its_key()
    {
        Assert.Equal(Sm2Fixtures.SmCryptoPlaintext, Sm2Cipher.Decrypt(Sm2Fixtures.SmCryptoCipherText, Sm2Fixtures.SmCryptoPrivateKey, Sm2Format.Default));
        Assert.Equal(Sm2Fixtures.SmCryptoChinesePlaintext, Sm2Cipher.Decrypt(Sm2Fixtures.SmCryptoChineseCipherText, Sm2Fixtures.SmCryptoPrivateKey, Sm2Format.Default));
    }

    [Theory]
    [InlineData(Sm2Fixtures.SmCryptoPublicKey)]
    [InlineData(Sm2Fixtures.SmCryptoCompressedPublicKey)]
    public void Sm_crypto_public_keys_in_hex_encrypt_for_its_private_key(string key)
    {
        foreach (var form in new[] { key, key.ToUpperInvariant(), key.Length == 130 ? key[2..] : key })
        {
            var cipher = new Sm2Cipher(Sm2Cipher.ParsePublicKey(form), Sm2Format.Default);

            Assert.Equal("11010519491231002X", Sm2Cipher.Decrypt(cipher.Encrypt("11010519491231002X"), Sm2Fixtures.SmCryptoPrivateKey, Sm2Format.Default));
        }
    }

    [Fact]
    public void A_pem_or_base64_subject_public_key_info_from_openssl_is_read()
    {
        var base64 = string.Concat(Sm2Fixtures.OpenSslPublicKeyPem.Split('\n').Where(line => !line.StartsWith("-----", StringComparison.Ordinal)));
        foreach (var form in new[] { Sm2Fixtures.OpenSslPublicKeyPem, base64 })
        {
            var cipher = new Sm2Cipher(Sm2Cipher.ParsePublicKey(form), Sm2Format.Default);

            Assert.Equal("张医生", Sm2Cipher.Decrypt(cipher.Encrypt("张医生"), Sm2Fixtures.OpenSslPrivateKey, Sm2Format.Default));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("04b90d2f89d6848f041550a4eb701998aa4a239447725f99ca3cfdf525d00a56a4")]
    [InlineData("04b90d2f89d6848f041550a4eb701998aa4a239447725f99ca3cfdf525d00a56a4e7466adb7561c5a9ecbb437aed3b7773708a1f0c01052c9e20309fdfa6c44abf")]
    [InlineData("04b90d2f89d6848f041550a4eb701998aa4a239447725f99ca3cfdf525d00a56a4e7466adb7561c5a9ecbb437aed3b7773708a1f0c01052c9e20309fdfa6c44a")]
    [InlineData("not a key at all")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE\n-----END PUBLIC KEY-----")]
    public void A_malformed_key_or_a_point_off_the_curve_is_refused(string key)
    {
        Assert.Throws<FormatException>(() => Sm2Cipher.ParsePublicKey(key));
    }

    [Fact]
    public void A_key_on_another_curve_is_refused()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(new Org.BouncyCastle.Asn1.DerObjectIdentifier("1.2.840.10045.3.1.7"), new SecureRandom()));
        var p256 = Org.BouncyCastle.X509.SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(generator.GenerateKeyPair().Public);

        var error = Assert.Throws<FormatException>(() => Sm2Cipher.ParsePublicKey(Convert.ToBase64String(p256.GetDerEncoded())));

        Assert.Contains("sm2p256v1", error.Message, StringComparison.Ordinal);
    }
}
