// Collection names of the charity domain. Each must be declared in database/ (checked by test/server/config.test.ts).
export const CharityCollections = {
  charityOffers: 'charity_offers',
  charityNeeds: 'charity_needs',
  charityAllocations: 'charity_allocations',
  charityStockItems: 'charity_stock_items',
  charityStockMovements: 'charity_stock_movements',
  charityStockCorrections: 'charity_stock_corrections',
  charityFunds: 'charity_funds',
  charityFundEntries: 'charity_fund_entries',
  charityLedger: 'charity_ledger',
  charityProjects: 'charity_projects',
  charityReminders: 'charity_reminders',
} as const;
