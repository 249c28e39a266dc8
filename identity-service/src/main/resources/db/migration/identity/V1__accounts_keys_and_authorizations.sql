-- People who sign in. The subject of their tokens is the id, never the username, so that what
-- other services keep per learner does not carry the name they chose.
CREATE TABLE account (
    id            uuid        PRIMARY KEY,
    username      text        NOT NULL,
    display_name  text        NOT NULL,
    -- a DelegatingPasswordEncoder hash: {bcrypt}$2a$...
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
-- usernames are compared without case: Ada and ada are one account
CREATE UNIQUE INDEX account_username ON account (lower(username));

CREATE TABLE account_role (
    account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('LEARNER', 'EDITOR', 'ADMIN')),
    PRIMARY KEY (account_id, role)
);

-- The key that signs tokens, made at first start and kept, so that a restart or a second replica
-- signs with a key the services already know.
CREATE TABLE signing_key (
    id          text        PRIMARY KEY,
    private_key bytea       NOT NULL,
    public_key  bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Spring Authorization Server's authorizations (codes, access and refresh tokens), as its schema
-- file has them, with text for blob and timestamptz for timestamp on PostgreSQL.
CREATE TABLE oauth2_authorization (
    id                            varchar(100)  NOT NULL PRIMARY KEY,
    registered_client_id          varchar(100)  NOT NULL,
    principal_name                varchar(200)  NOT NULL,
    authorization_grant_type      varchar(100)  NOT NULL,
    authorized_scopes             varchar(1000) DEFAULT NULL,
    attributes                    text          DEFAULT NULL,
    state                         varchar(500)  DEFAULT NULL,
    authorization_code_value      text          DEFAULT NULL,
    authorization_code_issued_at  timestamptz   DEFAULT NULL,
    authorization_code_expires_at timestamptz   DEFAULT NULL,
    authorization_code_metadata   text          DEFAULT NULL,
    access_token_value            text          DEFAULT NULL,
    access_token_issued_at        timestamptz   DEFAULT NULL,
    access_token_expires_at       timestamptz   DEFAULT NULL,
    access_token_metadata         text          DEFAULT NULL,
    access_token_type             varchar(100)  DEFAULT NULL,
    access_token_scopes           varchar(1000) DEFAULT NULL,
    oidc_id_token_value           text          DEFAULT NULL,
    oidc_id_token_issued_at       timestamptz   DEFAULT NULL,
    oidc_id_token_expires_at      timestamptz   DEFAULT NULL,
    oidc_id_token_metadata        text          DEFAULT NULL,
    refresh_token_value           text          DEFAULT NULL,
    refresh_token_issued_at       timestamptz   DEFAULT NULL,
    refresh_token_expires_at      timestamptz   DEFAULT NULL,
    refresh_token_metadata        text          DEFAULT NULL,
    user_code_value               text          DEFAULT NULL,
    user_code_issued_at           timestamptz   DEFAULT NULL,
    user_code_expires_at          timestamptz   DEFAULT NULL,
    user_code_metadata            text          DEFAULT NULL,
    device_code_value             text          DEFAULT NULL,
    device_code_issued_at         timestamptz   DEFAULT NULL,
    device_code_expires_at        timestamptz   DEFAULT NULL,
    device_code_metadata          text          DEFAULT NULL
);
-- the token endpoint, refresh and revocation look authorizations up by a token's value: hash
-- indexes (equality only, and no limit on the length of a value, which a b-tree has)
CREATE INDEX oauth2_authorization_state ON oauth2_authorization USING hash (state);
CREATE INDEX oauth2_authorization_code ON oauth2_authorization USING hash (authorization_code_value);
CREATE INDEX oauth2_authorization_access_token ON oauth2_authorization USING hash (access_token_value);
CREATE INDEX oauth2_authorization_refresh_token ON oauth2_authorization USING hash (refresh_token_value);
