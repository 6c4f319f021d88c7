import actionUpdate from './action-update';
import { caseList, deviceList, pendingActionList, userList } from './dropdowns';
import newCase from './new-case';
import updatedCase from './updated-case';

/** The 3 triggers users pick, and the 4 hidden ones that fill dropdowns (not published). */
export const triggers = {
  new_case: newCase,
  updated_case: updatedCase,
  action_update: actionUpdate,
  case_list: caseList,
  device_list: deviceList,
  pending_action_list: pendingActionList,
  user_list: userList,
};
