package dev.codemill.stages.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 §4: unquoted passwords with punctuation at the end of a config line (YAML, .env,
 * INI/TOML-like, properties, comments), and their look-alikes that stay. Values are synthetic.
 */
class RedactUnquotedPasswordTest {
    static final Redactor R = new Redactor(Redactor.Options.defaults());

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
        password: Pw7dk2LsQ!9|password: <PASSWORD>|yaml
        ~  db:~|~  db:~|yaml parent
        ~    password: Pw7dk2LsQ!9~|~    password: <PASSWORD>~|yaml nested
        - password: Pw7dk2LsQ!9|- password: <PASSWORD>|yaml list item
        PASSWORD=Pw7dk2LsQ!9|PASSWORD=<PASSWORD>|env
        export DB_PASSWORD=Pw7dk2LsQ!9|export DB_PASSWORD=<PASSWORD>|env export
        # password: hunter2!X9z|# password: <PASSWORD>|comment
        // password = hunter2!X9z|// password = <PASSWORD>|slash comment
        db_password = s3cr3t#Pass|db_password = <PASSWORD>|ini with hash inside
        db.password=Kx9@mq2!Lz|db.password=<PASSWORD>|properties
        smtp_password: Pw7dk2LsQ!9   # prod|smtp_password: <PASSWORD>   # prod|trailing comment
        export SMTP_PASSWORD=mbvp39=OW4|export SMTP_PASSWORD=<PASSWORD>|env value with =
        ~  password: qmyp87=MWyk~|~  password: <PASSWORD>~|yaml value with =
        # password: myzx42~PWi|# password: <PASSWORD>|comment with tilde
        spring.datasource.password=Zw9ma76WWf9e7!|spring.datasource.password=<PASSWORD>|spring properties
        SECRET_KEY=django-insecure-k3!x9q@v7m#p2z|SECRET_KEY=<KEY>|generic with punctuation
        """)
    void redacted(String in, String out, String name) {
        assertThat(R.redact(in).text()).isEqualTo(out);
    }

    @Test
    void multiLineYamlKeepsOtherLines() {
        String yaml = "db:\n  user: app\n  password: Pw7dk2LsQ!9\n  host: db.internal\n";
        assertThat(R.redact(yaml).text()).isEqualTo("db:\n  user: app\n  password: <PASSWORD>\n  host: db.internal\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
        password: ${DB_PASSWORD}
        PASSWORD=${PASSWORD:-postgres}
        password: changeme
        password: changeme!123
        password: <your password>
        password: <your-password-1!>
        password: hunter2
        password: ********
        password: !vault |
        password=$(cat /run/secrets/db)
        password = get_password(user)
        password = os.environ['DB_PASSWORD']
        password: string;
        password: String,
        if password == Pw7dk2LsQ!9:
        x = a if password else Pw7dk2LsQ!9
        password: %(db_password)s
        password: {{ .Values.db.password }}
        # password: see the vault!
        password_min_length: 12
        password: settings.DB_PASSWORD_V2
        password: zymk57.TYquG
        X509_PUBKEY = X509_pubkey_st
        DB_PASSWORD = DB_password_v2
        """)
    void kept(String in) {
        assertThat(R.redact(in).findings()).as(in).isEmpty();
    }
}
