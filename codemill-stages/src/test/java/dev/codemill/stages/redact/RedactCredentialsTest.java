package dev.codemill.stages.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HTTP Authorization headers, curl/wget command-line credentials and base64-wrapped PEM keys:
 * one exact input → output per form, and the look-alikes that must stay. All values are synthetic.
 */
class RedactCredentialsTest {
    static final Redactor R = new Redactor(Redactor.Options.defaults());
    /** base64 of a 3-line RSA PEM block (synthetic body). */
    static final String PEM_B64 = "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFcEFJQkFBS0NBUUVBek5OQUw1d0lTY0dlYmN5OEY1bjNZTkJEUnpyWlNncWJqRzN1aGtXS0ZMZjZ4dUk1Ci0tLS0tRU5EIFJTQSBQUklWQVRFIEtFWS0tLS0tCg==";

    static void check(String in, String out, String detail) {
        Redactor.Result r = R.redact(in);
        assertThat(r.text()).isEqualTo(out);
        assertThat(r.detail()).isEqualTo(detail);
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
        Authorization: Basic ZGVwbG95OldxNyF6UjJwTG0=|Authorization: Basic <PASSWORD>|basic_auth=1|http fixture basic
        curl -H 'Authorization: Basic Y2ktYm90OmhUOXZLMm1ReDRMcA==' https://ci.internal/api|curl -H 'Authorization: Basic <PASSWORD>' https://ci.internal/api|basic_auth=1|curl -H basic
        headers = {"Authorization": "Basic ZGVwbG95OldxNyF6UjJwTG0="}|headers = {"Authorization": "Basic <PASSWORD>"}|basic_auth=1|python dict basic
        Authorization: Bearer 8f14e45fceea167a5a36dedd4bea2543|Authorization: Bearer <KEY>|bearer_token=1|http fixture bearer
        curl -H "Authorization: Bearer Qx7vLm2ZpR9tK4wNc8Yb" https://api.internal/v1|curl -H "Authorization: Bearer <KEY>" https://api.internal/v1|bearer_token=1|curl -H bearer
        headers = {"Authorization": "Bearer Qx7vLm2ZpR9tK4wNc8Yb"}|headers = {"Authorization": "Bearer <KEY>"}|bearer_token=1|python dict bearer
        headers['authorization'] = 'bearer Qx7vLm2ZpR9tK4wNc8Yb'|headers['authorization'] = 'bearer <KEY>'|bearer_token=1|lower case subscript
        conn.setRequestProperty("Authorization", "Bearer Qx7vLm2ZpR9tK4wNc8Yb");|conn.setRequestProperty("Authorization", "Bearer <KEY>");|bearer_token=1|java call
        'Authorization' => 'Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b',|'Authorization' => 'Token <KEY>',|bearer_token=1|php drf token
        Proxy-Authorization: Basic ZGVwbG95OldxNyF6UjJwTG0=|Proxy-Authorization: Basic <PASSWORD>|basic_auth=1|proxy header
        AUTH = "Bearer Qx7vLm2ZpR9tK4wNc8Yb"|AUTH = "Bearer <KEY>"|bearer_token=1|bare bearer literal
        curl -u deploy:Wq7zR2pLm9 https://ci.internal/api|curl -u deploy:<PASSWORD> https://ci.internal/api|cli_password=1|curl -u
        curl --user 'deploy:Wq7zR2pLm9' https://ci.internal/api|curl --user 'deploy:<PASSWORD>' https://ci.internal/api|cli_password=1|curl --user quoted
        curl -sS --user=deploy:Wq7zR2pLm9 -X POST $URL|curl -sS --user=deploy:<PASSWORD> -X POST $URL|cli_password=1|curl --user=
        curl -udeploy:Wq7zR2pLm9 $URL|curl -udeploy:<PASSWORD> $URL|cli_password=1|curl -u glued
        subprocess.run(["curl", "-u", "deploy:Wq7zR2pLm9", url])|subprocess.run(["curl", "-u", "deploy:<PASSWORD>", url])|cli_password=1|argument list
        wget --http-password=Wq7zR2pLm9 --http-user=deploy $URL|wget --http-password=<PASSWORD> --http-user=deploy $URL|cli_password=1|wget password
        curl https://deploy:Wq7zR2pLm9@ci.internal/api|curl https://deploy:<PASSWORD>@ci.internal/api|url_password=1|url user info
        """)
    void redacted(String in, String out, String detail, String name) {
        check(in, out, detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
        Authorization: Bearer ${TOKEN}
        Authorization: Bearer <token>
        headers = {"Authorization": f"Bearer {token}"}
        headers = {"Authorization": "Bearer " + token}
        WWW-Authenticate: Basic realm="Restricted Area", charset="UTF-8"
        Authorization: Basic dXNlcjpwYXNz
        Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==
        Authorization: Basic YWRtaW46Y2hhbmdlbWUx
        Authorization: Bearer YOUR_ACCESS_TOKEN
        Authorization: Bearer abc123
        Authorization: Bearer xxxxxxxxxxxxxxxxxxxxxxxx
        self.assertEqual(parse("Basic authentication"), None)
        curl -u user:pass https://httpbin.org/basic-auth/user/pass
        curl -u "$USER:$PASSWORD" https://ci.internal/api
        curl -u admin:${ADMIN_PASSWORD} $URL
        curl -u elastic:changeme localhost:9200
        curl -u myuser https://ci.internal/api
        ps -u root:S3cr3tPw9 -o pid
        git commit -u deploy:Wq7zR2pLm9
        curl --user-agent "Mozilla/5.0 (X11; Linux x86_64)" $URL
        tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURkekNDQWwrZ0F3SUJBZ0lFQWdBQXVUQU5CZ2txaGtpRzl3MEJBUVVGQURCYU1Rc3dDUVlEVlFRR0V3SkoKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=
        MARKER = "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ=="
        """)
    void kept(String in) {
        check(in, in, "");
    }

    @Test
    void base64PemInKubernetesSecret() {
        check("apiVersion: v1\nkind: Secret\ndata:\n  tls.key: " + PEM_B64 + "\n  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n",
                "apiVersion: v1\nkind: Secret\ndata:\n  tls.key: <KEY>\n  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n",
                "private_key_base64=1");
    }

    @Test
    void base64PemInEnvFileQuoted() {
        check("SSH_KEY_B64=\"" + PEM_B64 + "\"\nOTHER=1\n", "SSH_KEY_B64=\"<KEY>\"\nOTHER=1\n", "private_key_base64=1");
    }

    @Test
    void wrappedBase64PemIsOneSpan() {
        String wrapped = "key: |\n  LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFcEFJQkFBS0NBUUVBek5OQUw1d0lT\n"
                + "  Y0dlYmN5OEY1bjNZTkJEUnpyWlNncWJqRzN1aGtXS0ZMZjZ4dUk1Ci0tLS0tRU5EIFJTQSBQUklW\n"
                + "  QVRFIEtFWS0tLS0tCg==\nnext: value\n";
        check(wrapped, "key: |\n  <KEY>\nnext: value\n", "private_key_base64=1");
    }

    @Test
    void continuedCurlLine() {
        check("curl -X POST \\\n  -u deploy:Wq7zR2pLm9 \\\n  https://ci.internal/api\n",
                "curl -X POST \\\n  -u deploy:<PASSWORD> \\\n  https://ci.internal/api\n", "cli_password=1");
        check("echo done\n  -u deploy:Wq7zR2pLm9\n", "echo done\n  -u deploy:Wq7zR2pLm9\n", "");
    }

    @Test
    void basicCredentialDecodes() {
        assertThat(CredentialScanner.basicCredential("ZGVwbG95OldxNyF6UjJwTG0=")).isTrue();
        assertThat(CredentialScanner.basicCredential("realm=")).isFalse();
        assertThat(CredentialScanner.basicCredential("dXNlcjpwYXNz")).isFalse(); // user:pass
    }
}
