export * from './columns'
export * from './masking'
export * from './audit'
