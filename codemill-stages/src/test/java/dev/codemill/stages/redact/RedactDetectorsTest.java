package dev.codemill.stages.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** One exact input → output per detector (all values are synthetic), and the must-not-flag list. */
class RedactDetectorsTest {
    static final Redactor R = new Redactor(Redactor.Options.defaults());
    static final String PEM_BODY = "zNNAL5wIScGebcy8F5n3/YNBDRzrZSgqbjG3uhkWKFLf6xuI5aHUQPFeNBTxaQWk\n"
            + "8JzFalHlsZfYcMMDktXP/tKsf2rcDkdfrUnW5gcF+Ha6ili8GjHEAD6/Wj9Kfzjs\n"
            + "QGMrb9h+ImB+LK777pzNk8cL6j5IXAAjlsHUqJoUD/+Ydua+5ZMs1SWOpQaPRYpz";

    static void check(String in, String out, String detail) {
        Redactor.Result r = R.redact(in);
        assertThat(r.text()).isEqualTo(out);
        assertThat(r.detail()).isEqualTo(detail);
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
        # Maintainer: Jane Roe <jane.roe@corp.example.com>|# Maintainer: Jane Roe <<EMAIL>>|email=1|email
        mail git@example.org for access|mail <EMAIL> for access|email=1|git local part in prose
        DATABASE_URL = "postgres://admin:s3cr3tPw@db.internal:5432/app"|DATABASE_URL = "postgres://admin:<PASSWORD>@db.internal:5432/app"|url_password=1|url password
        server = "81.2.69.160"|server = "198.51.100.198"|ipv4=1|ipv4
        allow 81.2.69.0/24;|allow 203.0.113.178/24;|ipv4=1|ipv4 cidr keeps suffix
        Hosts: 81.2.69.160, 81.2.69.161 and 81.2.69.160.|Hosts: 198.51.100.198, 198.51.100.53 and 198.51.100.198.|ipv4=3|ipv4 same address same replacement
        peer = "2a00:1450:4001:82b::200e"|peer = "2001:db8::c8dd"|ipv6=1|ipv6
        aws_access_key_id = "AKIAUJZDE8GXD6NCF10E"|aws_access_key_id = "<KEY>"|aws_access_key=1|aws access key
        aws_secret_access_key = El2hpChYgCfrL1spNxnyVmihA+2O76UMFxFkM+R5|aws_secret_access_key = <KEY>|aws_secret_key=1|aws secret
        const maps = "AIzaKjp1vRt_1fjORS-6ilI8ihN5KXSc7Tvo-hB";|const maps = "<KEY>";|gcp_api_key=1|gcp api key
        conn = "DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=KqFYY/kv5ZJr3J1TWDtkwtDDb+xHKas1VOqg6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU8po+799NksnRH9ucAUsd==;EndpointSuffix=core.windows.net"|conn = "DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=<KEY>;EndpointSuffix=core.windows.net"|azure_connection_string=1|azure connection string
        AZURE_STORAGE_KEY: KqFYY/kv5ZJr3J1TWDtkwtDDb+xHKas1VOqg6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU8po+799NksnRH9ucAUsd==|AZURE_STORAGE_KEY: <KEY>|azure_storage_key=1|azure storage key
        token = 'ghp_WHtP3fS2qHx6kwXoIIXGvOoNZYW2mZp0zVZo'|token = '<KEY>'|github_token=1|github ghp
        oauth: gho_mHFwUbbYrEqmSM9wCZ7Uw9xfogoEmvnEN5N1|oauth: <KEY>|github_token=1|github gho
        GH=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|GH=<KEY>|github_token=1|github fine-grained pat
        GITLAB="glpat-uqIA1id6Vw5DQL05HA06"|GITLAB="<KEY>"|gitlab_token=1|gitlab
        slack.post("xoxb-828288072902-2279180588871-4JdpmrcXgGCJbW56eCuNGMGm")|slack.post("<KEY>")|slack_token=1|slack
        Stripe.apiKey = "sk_live_SrCGIZEG8pSH4487q7J58m1C"; r = "rk_live_iAhzCueQpBenQtYh5Xj8TPQx"|Stripe.apiKey = "<KEY>"; r = "<KEY>"|stripe_key=2|stripe
        client = OpenAI(api_key="sk-proj-jq4i9DoV8gz4FkQ1okTBGzvAmwufUxbvJDCTbyvHNsG9eh6Y")|client = OpenAI(api_key="<KEY>")|openai_key=1|openai
        Authorization: Bearer eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiMTIzNDU2Nzg5MCIsICJuYW1lIjogIkZha2UgVXNlciJ9.DnkHIfxIq2HZt-PlJhx2jIclHkCiHp6bR1IqfEouHgx|Authorization: Bearer <KEY>|jwt=1|jwt
        DB_PASSWORD = "q8Zr2LmX9vTp"|DB_PASSWORD = "<PASSWORD>"|password=1|password
        db_password = 'xdkOUcJzecORma'|db_password = '<PASSWORD>'|password=1|password without digit
        api_key: a8f3k29dm4lq0z7x|api_key: <KEY>|generic_secret=1|generic key yaml
        {"client_secret": "Zx81nQ2pLr7TvW0y", "name": "demo"}|{"client_secret": "<KEY>", "name": "demo"}|generic_secret=1|generic json
        conf.setAuthToken("k3J9xQ0vB7mZ2wP5");|conf.setAuthToken("<KEY>");|generic_secret=1|generic setter
        """)
    void detector(String in, String out, String detail, String name) {
        check(in, out, detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
        commit = "3f786850e387550fdab836ed7e6dc881de23001b"
        "integrity": "sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXGOk8lL9h8Wj5t6Wj9vFx5b9F1QA=="
        integrity sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXGOk8lL9h8Wj5t6Wj9vFx5b9F1QA==
        checksum = "b9d6c4e2a0f8e6d4c2b0a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8"
        github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=
        token_id = "123e4567-e89b-12d3-a456-426614174000"
        assertEquals("SGVsbG8sIFdvcmxkIQ==", Base64.encode("Hello, World!"));
        self.assertEqual(base64.b64encode(b"\\x00\\x01\\x02abc"), b"AAECYWJj")
        REPO_URL = "git@github.com:acme-labs/ingest-service.git"
        MIRROR_URL = "ssh://git@gitlab.example.net/acme/ingest.git"
        "dependencies": {"@acme/ingest-client@2.3.1": "^2.3.1"}
        <img src="icon@2x.png"> y = x@self.weights
        __version__ = "1.84.1.0"; pip install foo==1.2.3.4; "v1.2.3.4"
        oid 1.3.6.1.4.1.2021.10.1.3.1 date 2024.01.02.3 padded 01.02.03.04 ver 4.0.30319.42000
        local = "127.0.0.1"; lan = "192.168.1.20"; net = "10.20.30.0/24"; mask = "255.255.255.0"; dns = "8.8.8.8"
        lo = "::1"; ll = "fe80::1ff:fe23:4567:890a"; ula = "fd12:3456:789a::1"
        a[1::2] std::vector 00:1a:2b:3c:4d:5e 12:30:45 b[::10] Foo::Bar::baz
        aws_access_key_id = "AKIAIOSFODNN7EXAMPLE"
        password = "${DB_PASSWORD}"; secret = os.environ.get("SECRET"); token = settings.API_TOKEN_V2
        SECRET_KEY = "changeme-please-1234"; api_key = "<your-api-key-here-1>"; PASSWORD_FIELD = "password1"
        primary_key = "id"; sort_key = "created_at"; tokenizer = "bert-base-uncased"
        author = "Guido van Rossum"; keyboard = "qwerty123456ab"
        ('http', 'user/name', 'password', 'localhost:22'); ('pkey', N11evp_pkey_st4DOLLAR_12E); X509_PUBKEY = X509_pubkey_st
        urlopen("http://user:pass@python.org/"); "ftp://joe:password@proxy.example.com/rubbish:3128"
        toolskey = "VS%0.f0COMNTOOLS" % version; b'<tag key="&#229;&#246;&#246;&lt;&gt;" />'; key='param:secp384r1.pem'
        # see section 8.1.2.2; @jvms 4.7.9.1 Signatures; rfc7231#section-7.1.1.1; dead:beef::1 fec0::1 3ffe::
        class HTTPPasswordMgrWithPriorAuth(HTTPPasswordMgrWithDefaultRealm):
        uuid3(NAMESPACE_OID, '1.3.6.1'); 'Wed, 3 Apr 2002 12.34.56.78+0800'; libfoo 81.2.69.160-1
        -----BEGIN RSA PRIVATE KEY----- is the header and the footer is -----END RSA PRIVATE KEY-----
        """)
    void mustNotFlag(String in) {
        Redactor.Result r = R.redact(in);
        assertThat(r.findings()).isEmpty();
        assertThat(r.text()).isSameAs(in);
    }

    @Test
    void pemFileBodyBecomesOneKey() {
        String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + PEM_BODY + "\n-----END OPENSSH PRIVATE KEY-----\n";
        check(pem, "-----BEGIN OPENSSH PRIVATE KEY-----\n<KEY>\n-----END OPENSSH PRIVATE KEY-----\n", "private_key=1");
    }

    @Test
    void serviceAccountJsonPrivateKeyAndKeyId() {
        String json = "{\"type\": \"service_account\", \"private_key_id\": \"a3f9c2e7b1d04e5f8a6b7c9d0e1f2a3b4c5d6e7f\",\n"
                + " \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n" + PEM_BODY.replace("\n", "\\n")
                + "\\n-----END PRIVATE KEY-----\\n\",\n \"client_email\": \"svc@proj-123.iam.gserviceaccount.com\"}";
        check(json, "{\"type\": \"service_account\", \"private_key_id\": \"<KEY>\",\n"
                + " \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n<KEY>\\n-----END PRIVATE KEY-----\\n\",\n"
                + " \"client_email\": \"<EMAIL>\"}", "email=1 generic_secret=1 private_key=1");
    }

    @Test
    void javaConcatenatedKeyKeepsEveryLiteral() {
        String[] lines = PEM_BODY.split("\n");
        String java = "String k = \"-----BEGIN EC PRIVATE KEY-----\\n\" +\n"
                + "    \"" + lines[0] + "\\n\" +\n    \"" + lines[1] + "\\n\" +\n    \"" + lines[2] + "\\n\" +\n"
                + "    \"-----END EC PRIVATE KEY-----\";\n";
        check(java, "String k = \"-----BEGIN EC PRIVATE KEY-----\\n\" +\n"
                + "    \"<KEY>\\n\" +\n    \"<KEY>\\n\" +\n    \"<KEY>\\n\" +\n"
                + "    \"-----END EC PRIVATE KEY-----\";\n", "private_key=1");
    }

    static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*+\"|'(?:[^'\\\\\\n]|\\\\.)*+'|`[^`]*+`");

    /** Code outside string literals, and the number of literals, per line. */
    static List<String> skeleton(String code) {
        return code.lines().map(l -> {
            Matcher m = LITERAL.matcher(l);
            return m.replaceAll("S");
        }).toList();
    }

    @Test
    void redactedSourcesTokenizeTheSameAroundLiterals() {
        String py = "import os\nDB = {'user': 'app', 'password': 'q8Zr2LmX9vTp', 'host': '81.2.69.160'}\n"
                + "TOKEN = \"ghp_WHtP3fS2qHx6kwXoIIXGvOoNZYW2mZp0zVZo\"  # ci\nOWNER = 'jane.roe@corp.example.com'\n";
        String js = "const cfg = { apiKey: `AIzaKjp1vRt_1fjORS-6ilI8ihN5KXSc7Tvo-hB`, contact: \"ops@corp.example.com\" };\n"
                + "fetch(url, { headers: { Authorization: 'Bearer glpat-uqIA1id6Vw5DQL05HA06' } });\n";
        String java = "class C {\n  static final String SECRET = \"sk_live_SrCGIZEG8pSH4487q7J58m1C\";\n"
                + "  String host = \"2a00:1450:4001:82b::200e\";\n}\n";
        for (String src : List.of(py, js, java)) {
            Redactor.Result r = R.redact(src);
            assertThat(r.total()).isGreaterThanOrEqualTo(2);
            assertThat(skeleton(r.text())).isEqualTo(skeleton(src));
        }
        assertThat(R.redact(py).text()).isEqualTo("import os\nDB = {'user': 'app', 'password': '<PASSWORD>', 'host': '198.51.100.198'}\n"
                + "TOKEN = \"<KEY>\"  # ci\nOWNER = '<EMAIL>'\n");
    }

    @Test
    void ipReplacementIsDeterministicAndSeeded() {
        String in = "a=81.2.69.160 b=81.2.69.161 c=81.2.69.160";
        String once = R.redact(in).text();
        assertThat(once).isEqualTo(new Redactor(Redactor.Options.defaults()).redact(in).text())
                .isEqualTo("a=198.51.100.198 b=198.51.100.53 c=198.51.100.198");
        Redactor.Options d = Redactor.Options.defaults();
        Redactor seeded = new Redactor(new Redactor.Options(d.types(), false, false, 3.0, 12, 1234L));
        assertThat(seeded.redact(in).text()).matches("a=(\\S+) b=\\S+ c=\\1").isNotEqualTo(once);
    }

    @Test
    void privateAddressesOnlyWhenConfigured() {
        String in = "lan 192.168.1.20 lo 127.0.0.1 ll fe80::1ff:fe23:4567:890a dead:beef::1";
        assertThat(R.redact(in).findings()).isEmpty();
        Redactor all = new Redactor(new Redactor.Options(Set.copyOf(Redactor.TYPES), true, false, 3.0, 12, 0L));
        assertThat(all.redact(in).detail()).isEqualTo("ipv4=2 ipv6=2");
    }

    @Test
    void documentationAddressesKeptOnlyWhenConfigured() {
        assertThat(R.redact("host 203.0.113.45 and 2001:db8::1f").findings()).isEmpty();
        Redactor off = new Redactor(new Redactor.Options(Set.copyOf(Redactor.TYPES), false, false, 3.0, 12, 0L));
        assertThat(off.redact("host 203.0.113.45 and 2001:db8::1f").text()).isEqualTo("host 203.0.113.204 and 2001:db8::da64");
    }

    @Test
    void typesRestrictDetectors() {
        Redactor onlyEmail = new Redactor(new Redactor.Options(Set.of("email"), false, false, 3.0, 12, 0L));
        assertThat(onlyEmail.redact("a@corp.example.com 81.2.69.160 ghp_WHtP3fS2qHx6kwXoIIXGvOoNZYW2mZp0zVZo").text())
                .isEqualTo("<EMAIL> 81.2.69.160 ghp_WHtP3fS2qHx6kwXoIIXGvOoNZYW2mZp0zVZo");
    }

    @Test
    void entropyAndLengthThresholds() {
        assertThat(SecretNameScanner.entropy("aaaa", 0, 4)).isEqualTo(0.0);
        assertThat(SecretNameScanner.entropy("abcd", 0, 4)).isEqualTo(2.0);
        assertThat(SecretNameScanner.entropy("q8Zr2LmX9vTp", 0, 12)).isCloseTo(Math.log(12) / Math.log(2), org.assertj.core.data.Offset.offset(1e-12));
        // 11 characters: below the default minimum of 12
        assertThat(R.redact("password = \"q8Zr2LmX9vT\"").findings()).isEmpty();
        // 12 characters, 0.918 bits/char: below the default 3.0 bits
        assertThat(R.redact("password = \"aaaa1111aaaa\"").findings()).isEmpty();
        Redactor lax = new Redactor(new Redactor.Options(Set.copyOf(Redactor.TYPES), false, false, 0.9, 8, 0L));
        assertThat(lax.redact("password = \"aaaa1111aaaa\"").text()).isEqualTo("password = \"<PASSWORD>\"");
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // a hang guard, not a speed check: a backtracking regex takes hours on these
    void pathologicalLinesAreLinear() {
        String at = "a@".repeat(500_000);
        String dots = "1.2.".repeat(250_000);
        String colons = "1:a:".repeat(250_000);
        assertThat(R.redact(at).findings()).isEmpty();
        assertThat(R.redact(dots).findings()).isEmpty();
        assertThat(R.redact(colons).findings()).isEmpty();
    }
}
