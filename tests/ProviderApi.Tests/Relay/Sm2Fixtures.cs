namespace ProviderApi.Tests.Relay;

/// <summary>
/// Keys and cipher texts made once by other SM2 implementations, hard-coded so the tests need
/// neither Node.js nor OpenSSL.
/// </summary>
internal static class Sm2Fixtures
{
    // Made with the npm package sm-crypto 0.5.8 under Node 20 (npm install sm-crypto in /tmp):
    //   const sm2 = require('sm-crypto').sm2;
    //   const kp = sm2.generateKeyPairHex();
    //   sm2.doEncrypt('11010519491231002X', kp.publicKey, 1)   // 1 = C1C3C2; hex, no 04
    //   sm2.doEncrypt('张医生 450000', kp.publicKey, 1)
    //   sm2.compressPublicKeyHex(kp.publicKey)
    // The other way was checked by hand the same day: cipher text of Sm2Cipher under SmCryptoPublicKey,
    // C1C3C2 and C1C2C3 (hex, no 04), decrypted in sm-crypto with sm2.doDecrypt(c, priv, 1) and (c, priv, 0).
    public const string SmCryptoPrivateKey = "e1539c0b2f9786fc5bd16bd46297a205c31b5e019804035631dc22334ff704b7";

    public const string SmCryptoPublicKey =
        "04b90d2f89d6848f041550a4eb701998aa4a239447725f99ca3cfdf525d00a56a4e7466adb7561c5a9ecbb437aed3b7773708a1f0c01052c9e20309fdfa6c44abe";

    public const string SmCryptoCompressedPublicKey = "02b90d2f89d6848f041550a4eb701998aa4a239447725f99ca3cfdf525d00a56a4";

    public const string SmCryptoPlaintext = "11010519491231002X";

    public const string SmCryptoCipherText =
        "54b6352bed9c2230a91ef37adb828f4b37ffe7dc2f3ce5abe8b09487d1e20c2f82af29b183a61ad53b0b455243c991b654eb301b4c319c833bfeed131dcb61c6"
        + "c6a575e3d04edc2acff7e9f4adbf45c95b7345272d14da7ed3355d478019a94a629c3c2161943cfc1fd9cd17b34d63265931";

    public const string SmCryptoChinesePlaintext = "张医生 450000";

    public const string SmCryptoChineseCipherText =
        "9cbdb06d736195acf069e984a54b5d94bd02fa143bf8aa73ee8511f35093f67d4e234562a3173a482c5307b45c48ae6632aebe1d1c9cc58e1c4be1af066df8af"
        + "a456249a782405dac6ec2ba77dd7dbf1d526e14e79dd1a1596392aa4d9f70e058e0398f161d933cb8f8bbcb5a6c7302f";

    // Made with OpenSSL 3.0: openssl genpkey -algorithm SM2; openssl pkey -pubout (id-ecPublicKey on
    // the SM2 curve, OID 1.2.156.10197.1.301, as Hutool also writes it); the private key from pkey -text.
    public const string OpenSslPrivateKey = "39f9ae5b1118bb855a6e5be9599604d5fecf2598a53af21b76e425b64bf91ced";

    public const string OpenSslPublicKeyPem = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE/oVcvG245Tjfh6fMRN+B8V2gN79Z
        6VQRMKSJX9gjfLrg4gIVEQqjbPx+s7bJt9y2/sadQnLQxC0q3XZlJeAsCA==
        -----END PUBLIC KEY-----
        """;
}
