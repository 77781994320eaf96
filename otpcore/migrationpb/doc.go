// Package migrationpb holds the protobuf messages of Google Authenticator's
// account-transfer QR codes, generated from migration.proto by protoc-gen-go.
// Use otpcore.ParseMigration rather than this package directly.
package migrationpb

//go:generate protoc --go_out=../.. --go_opt=module=authdesk migration.proto
