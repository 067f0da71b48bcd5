/** The Supabase DataSource: the app's data in PostgreSQL + PostGIS through supabase-js, with sign-in. */
export { createSupabaseDataSource, MAX_RECORDS_PER_BATCH, type SupabaseDataSource, type SupabaseDataSourceOptions } from './supabaseDataSource';
export { MEMBER_ROLES, type MemberRole, type Membership, type MembershipResult, type SignedInUser, type SignInFailure, type SignInResult, type SignOutResult, type SessionApi } from './session';
export { parseWorkspacePayload, emptyWorkspace, SIGNED_OUT_ORGANISATION } from './workspacePayload';
export { serverIssue, SERVER_SOURCE } from './serverIssues';
