import type { ToolDefinition } from '@toolbridge/core';
import { getActivitySummary } from '../tools/get-activity-summary.js';
import { getDeploymentFrequency } from '../tools/get-deployment-frequency.js';
import { getReviewMetrics } from '../tools/get-review-metrics.js';

export const insightsTools: ToolDefinition<any, any, any>[] = [getActivitySummary, getReviewMetrics, getDeploymentFrequency];
